import type { z } from 'zod';
import { ConfigError } from '@district-hub/schema';
import type {
  CheckResult,
  ConfiguredStream,
  ConnectorKind,
  ReadContext,
  ReadMessage,
  ReadOptions,
  StreamDescriptor,
  StreamStates,
} from './types.ts';
import { formatPath } from './zod-issues.ts';

/**
 * The abstract base every connector kind extends. A connector is stateless: configuration comes in on
 * every call, state comes in to `read` and goes out through `state` messages, which the writer commits
 * with the records they cover.
 *
 * Implementations read lazily (async generators), so memory stays flat however large the source: a
 * kind yields one page, batch or file chunk at a time and never holds a whole table.
 */
export abstract class SourceConnector<TConfig> {
  abstract readonly kind: ConnectorKind;
  /** The runtime-validated schema of this kind's `connection` + `streams` config. */
  abstract readonly spec: z.ZodType<TConfig>;

  /**
   * Validates raw config against `spec`. `where` names the place in hub.config.yaml
   * (`hub.config.yaml: sources.office-space.connectors[0]`), so errors name the file and the path.
   */
  parseConfig(raw: unknown, where: string): TConfig {
    const parsed = this.spec.safeParse(raw);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((issue) => {
          const path = formatPath(issue.path as (string | number)[]);
          return `${where}${path ? `.${path}` : ''}: ${issue.message}`;
        })
        .join('; ');
      throw new ConfigError(message, { where });
    }
    return parsed.data;
  }

  /** Can we connect and read? Never throws for a source problem: returns the reason instead. */
  abstract check(config: TConfig, signal?: AbortSignal): Promise<CheckResult>;

  /** The streams this configuration offers, with primary key and cursor field. */
  abstract discover(config: TConfig): Promise<StreamDescriptor[]>;

  /**
   * Reads the selected streams, starting each from its cursor in `state` (null or absent: from the
   * beginning; always from the beginning in `full` mode), yielding records and checkpoints. `options`
   * is what this run asks of the read (follow a live source); everything a read needs comes in here.
   */
  abstract read(
    config: TConfig,
    streams: ConfiguredStream[],
    state: StreamStates,
    context: ReadContext,
    options: ReadOptions,
  ): AsyncGenerator<ReadMessage>;
}
