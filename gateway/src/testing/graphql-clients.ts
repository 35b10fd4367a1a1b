import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** POSTs one operation the way an integrator's HTTP client does. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  key: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  extensions?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: query || undefined, variables, extensions }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}

/** The data of an operation that must succeed: any GraphQL error fails the caller with the errors shown. */
export async function queryData<T = Record<string, unknown>>(
  url: string,
  key: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await postGraphQL<T>(url, key, query, variables);
  if (response.body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data as T;
}

/** A graphql-ws client that fails fast instead of retrying, so a refused connection shows in the test. */
export function wsClient(url: string, key: string | undefined): Client {
  return wsConnection(url, key).client;
}

/**
 * A graphql-ws client as `wsClient` makes it, and the close of its socket (code and reason) once the
 * server closes it. `headers` go on the upgrade request, as a browser sends its cookies and origin.
 */
export function wsConnection(
  url: string,
  key: string | undefined,
  headers: Record<string, string> = {},
): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let client!: Client;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      retryAttempts: 0,
      lazy: false,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          resolve({ code, reason: String(reason) });
        },
      },
    });
  });
  return { client, closed };
}

export interface Subscription<T> {
  next(): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): void;
}

/** Subscribes and queues what arrives; resolves once the server has accepted the subscription. */
export function subscribe<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Subscription<T> {
  const iterator = client.iterate<T>({ query, variables });
  return {
    async next() {
      const result = await iterator.next();
      if (result.done) throw new Error('subscription completed');
      return result.value as never;
    },
    close() {
      void iterator.return?.();
    },
  };
}
