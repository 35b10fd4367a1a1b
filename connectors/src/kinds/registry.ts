import { ConfigError } from '@district-hub/schema';
import type { SourceConnector } from '../sdk/source-connector.ts';
import type { ConnectorKind } from '../sdk/types.ts';
import { FileConnector } from './file/file-connector.ts';
import { MqttConnector } from './mqtt/mqtt-connector.ts';
import { RestConnector } from './rest/rest-connector.ts';
import { SqlConnector } from './sql/sql-connector.ts';

/** A fresh connector of a kind (connectors are cheap and hold no state between calls). */
export function connectorFor(kind: ConnectorKind | string): SourceConnector<unknown> {
  switch (kind) {
    case 'rest':
      return new RestConnector() as SourceConnector<unknown>;
    case 'sql':
      return new SqlConnector() as SourceConnector<unknown>;
    case 'file':
      return new FileConnector() as SourceConnector<unknown>;
    case 'mqtt':
      return new MqttConnector() as SourceConnector<unknown>;
    default:
      throw new ConfigError(`unknown connector kind "${kind}"; expected rest, sql, file or mqtt`);
  }
}
