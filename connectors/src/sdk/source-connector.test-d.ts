import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { SourceConnector } from './source-connector.ts';
import type {
  CheckResult,
  ConfiguredStream,
  JsonValue,
  ReadContext,
  ReadMessage,
  ReadOptions,
  StreamDescriptor,
  StreamStates,
} from './types.ts';

// The SDK's types are its product: a new kind is a class with a spec, check, discover and an async
// generator read, and its config type flows from the spec. Checked by `npm run typecheck`.
const spec = z.object({
  connection: z.object({ url: z.string() }),
  streams: z.array(z.object({ name: z.string() })),
});
type Config = z.infer<typeof spec>;

class EchoConnector extends SourceConnector<Config> {
  readonly kind = 'rest' as const;
  readonly spec = spec;
  async check(config: Config): Promise<CheckResult> {
    return config.connection.url ? { ok: true } : { ok: false, reason: 'no url', code: 'config/invalid' };
  }
  async discover(config: Config): Promise<StreamDescriptor[]> {
    return config.streams.map((s) => ({ name: s.name, primaryKey: ['id'], supportsIncremental: false }));
  }
  async *read(
    _c: Config,
    streams: ConfiguredStream[],
    _s: StreamStates,
    _x: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    for (const s of streams) {
      yield { type: 'records', stream: s.name, records: [{ id: 1 }] };
      yield { type: 'state', stream: s.name, cursor: { value: '2025-01-01 00:00:00', key: 1 } };
    }
  }
}

const connector = new EchoConnector();
expectTypeOf(connector.parseConfig({}, 'here')).toEqualTypeOf<Config>();
expectTypeOf(connector.read).returns.toEqualTypeOf<AsyncGenerator<ReadMessage>>();
// What a run asks of a read comes in as an argument, never as a property set on the shared instance.
expectTypeOf<SourceConnector<Config>['read']>().parameter(4).toEqualTypeOf<ReadOptions>();
expectTypeOf<ReadOptions['follow']>().toEqualTypeOf<boolean>();
// @ts-expect-error the connector has nothing a runner sets before reading
connector.readOptions = { follow: true };
expectTypeOf<Extract<ReadMessage, { type: 'state' }>['cursor']>().toEqualTypeOf<JsonValue | null>();
// @ts-expect-error a state message needs its stream
const bad: ReadMessage = { type: 'state', cursor: null };
void bad;
