import { getSource } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { connectorFor } from '../kinds/registry.ts';
import type { CheckResult, StreamDescriptor } from '../sdk/types.ts';

export interface ConnectorCheck {
  kind: string;
  /** `sources.<name>.connectors[<i>]`. */
  path: string;
  streams: StreamDescriptor[];
  result: CheckResult;
}

/**
 * `hub check <source>`: can every connector of the source connect and read, and what streams does it
 * offer. Never throws for a source problem; the reason is in each `result`.
 */
export async function checkSource(
  config: HubConfig,
  name: string,
  signal?: AbortSignal,
): Promise<ConnectorCheck[]> {
  const source = getSource(config, name);
  const checks: ConnectorCheck[] = [];
  for (const c of source.connectors) {
    const connector = connectorFor(c.kind);
    const [result, streams] = await Promise.all([
      connector.check(c.config, signal),
      connector.discover(c.config),
    ]);
    checks.push({ kind: c.kind, path: c.path, streams, result });
  }
  return checks;
}
