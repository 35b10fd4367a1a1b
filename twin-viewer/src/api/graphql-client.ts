import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql.ts';

/**
 * What a generated document (codegen.ts) holds at run time: the operation's name and its hash, the key
 * of its text in the trusted-documents manifest of the hub that serves this page. No text.
 */
function persisted<R, V>(
  document: TypedDocumentString<R, V>,
): { operationName: string; extensions: Record<string, unknown> } {
  const meta = document.__meta__ as { operationName: string; hash: string };
  return {
    operationName: meta.operationName,
    extensions: { persistedQuery: { version: 1, sha256Hash: meta.hash } },
  };
}

export type ConnectionStatus = 'connecting' | 'live' | 'offline' | 'unauthorized';

export class GraphqlRequestError extends Error {
  override readonly name = 'GraphqlRequestError';
  constructor(
    message: string,
    readonly codes: string[],
    readonly status: number,
  ) {
    super(message);
  }
}

interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The viewer's only door to the hub: GraphQL over HTTP for queries and mutations, graphql-ws for
 * subscriptions, both authenticated with the same key (`Authorization: Bearer`, and the same value in
 * the WebSocket's `connectionParams`, since browsers cannot set headers on a WebSocket). Without a key
 * (`null`), both go out with the session cookie the hub set when it traded the printed URL's `?key=`
 * for one, which the browser sends by itself and the page cannot read.
 */
export class GraphqlClient {
  private readonly ws: Client;
  private status: ConnectionStatus = 'connecting';

  constructor(
    private readonly httpUrl: string,
    wsUrl: string,
    private readonly key: string | null,
    private readonly onStatus: (status: ConnectionStatus) => void,
  ) {
    this.ws = createClient({
      url: wsUrl,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      lazy: false,
      keepAlive: 10_000,
      // Reconnect for as long as the page is open: the wall screen must come back after a hub restart.
      retryAttempts: Infinity,
      shouldRetry: () => this.status !== 'unauthorized',
      on: {
        connecting: () => this.setStatus('connecting'),
        connected: () => this.setStatus('live'),
        closed: (event) => {
          const code = (event as { code?: number } | undefined)?.code;
          this.setStatus(code === 4401 || code === 4403 ? 'unauthorized' : 'offline');
        },
      },
    });
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === 'unauthorized' && status !== 'live') return;
    this.status = status;
    this.onStatus(status);
  }

  /**
   * Sends an operation as its hash alone (Automatic Persisted Queries): the bundle holds no query text.
   * A hub without the viewer's manifest answers PERSISTED_QUERY_NOT_FOUND, which surfaces as an error.
   */
  async request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    return this.post<R>({ ...persisted(document), variables });
  }

  private async post<T>(body: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.httpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (response.status === 401) this.setStatus('unauthorized');
    const answer = (await response.json().catch(() => ({}))) as GraphqlResponse<T>;
    if (answer.errors?.length || !answer.data) {
      const codes = answer.errors?.map((e) => e.extensions?.code ?? e.message) ?? [];
      if (codes.includes('UNAUTHENTICATED')) this.setStatus('unauthorized');
      const message = answer.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`;
      throw new GraphqlRequestError(message, codes, response.status);
    }
    return answer.data;
  }

  /** Runs a subscription until the returned function is called; reconnects are graphql-ws's job. */
  subscribe<R, V extends Record<string, unknown>>(
    document: TypedDocumentString<R, V>,
    variables: V,
    onData: (data: R) => void,
  ): () => void {
    const { operationName, extensions } = persisted(document);
    // The hub reads the text from its manifest when `query` is empty (gateway/src/server/websocket-handler.ts).
    return this.ws.subscribe<R>(
      { operationName, query: '', variables, extensions },
      {
        next: (result) => {
          if (result.data) onData(result.data as R);
          if (result.errors?.length)
            console.warn(`${operationName}: ${result.errors.map((e) => e.message).join('; ')}`);
        },
        // A refused subscription (validation, role) is not a lost connection: the status light stays as it is.
        error: (error) => console.warn(`${operationName} ended`, error),
        complete: () => {},
      },
    );
  }

  dispose(): void {
    void this.ws.dispose();
  }
}
