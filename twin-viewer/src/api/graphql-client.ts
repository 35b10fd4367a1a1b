import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { operations } from './operations.ts';
import type { OperationName } from './operations.ts';

/** Built by vite.config.ts; absent when this module runs outside the bundle. */
const knownHashes: Partial<Record<string, string>> =
  typeof __TWIN_OPERATION_HASHES__ === 'undefined' ? {} : __TWIN_OPERATION_HASHES__;

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
  private readonly textOnly = new Set<OperationName>();

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

  /**
   * Sends a named operation. With the build's hash of it, only the hash goes over the wire (Automatic
   * Persisted Queries); a hub that does not know the hash answers PERSISTED_QUERY_NOT_FOUND and gets the
   * text once, which also registers it there.
   */
  async request<T>(name: OperationName, variables: Record<string, unknown> = {}): Promise<T> {
    const hash = knownHashes[name];
    const persisted = hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
    if (persisted && !this.textOnly.has(name)) {
      try {
        return await this.post<T>({ operationName: name, variables, extensions: persisted });
      } catch (error) {
        if (!(error instanceof GraphqlRequestError && error.codes.includes('PERSISTED_QUERY_NOT_FOUND')))
          throw error;
        // This hub does not hold the manifest: one round trip per request from now on, not two.
        this.textOnly.add(name);
      }
    }
    return this.post<T>({ operationName: name, query: operations[name], variables, extensions: persisted });
  }

  private async post<T>(body: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
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
  subscribe<T>(
    name: OperationName,
    onData: (data: T) => void,
    variables: Record<string, unknown> = {},
  ): () => void {
    // One message per subscription: the full text costs nothing worth a persisted-query round trip.
    return this.ws.subscribe<T>(
      { operationName: name, query: operations[name], variables },
      {
        next: (result) => {
          if (result.data) onData(result.data as T);
          if (result.errors?.length)
            console.warn(`${name}: ${result.errors.map((e) => e.message).join('; ')}`);
        },
        // A refused subscription (validation, role) is not a lost connection: the status light stays as it is.
        error: (error) => console.warn(`${name} ended`, error),
        complete: () => {},
      },
    );
  }

  dispose(): void {
    void this.ws.dispose();
  }
}
