import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';

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
 * the WebSocket's `connectionParams`, since browsers cannot set headers on a WebSocket).
 */
export class GraphqlClient {
  private readonly ws: Client;
  private status: ConnectionStatus = 'connecting';

  constructor(
    private readonly httpUrl: string,
    wsUrl: string,
    private readonly key: string,
    private readonly onStatus: (status: ConnectionStatus) => void,
  ) {
    this.ws = createClient({
      url: wsUrl,
      connectionParams: { authorization: `Bearer ${key}` },
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

  async request<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
      body: JSON.stringify({ query: document, variables }),
    });
    if (response.status === 401 || response.status === 403) this.setStatus('unauthorized');
    const body = (await response.json().catch(() => ({}))) as GraphqlResponse<T>;
    if (body.errors?.length || !body.data) {
      const codes = body.errors?.map((e) => e.extensions?.code ?? 'UNKNOWN') ?? [];
      if (codes.some((c) => c === 'UNAUTHENTICATED' || c.startsWith('auth/'))) this.setStatus('unauthorized');
      throw new GraphqlRequestError(
        body.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`,
        codes,
        response.status,
      );
    }
    return body.data;
  }

  /** Runs a subscription until the returned function is called; reconnects are graphql-ws's job. */
  subscribe<T>(
    document: string,
    onData: (data: T) => void,
    variables: Record<string, unknown> = {},
  ): () => void {
    return this.ws.subscribe<T>(
      { query: document, variables },
      {
        next: (result) => {
          if (result.data) onData(result.data as T);
        },
        error: () => this.setStatus('offline'),
        complete: () => {},
      },
    );
  }

  dispose(): void {
    void this.ws.dispose();
  }
}
