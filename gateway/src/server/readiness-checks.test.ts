import { describe, expect, it } from 'vitest';
import { loadHubConfig } from '@district-hub/connectors';
import { mqttReadinessChecks } from './readiness-checks.ts';

describe('/readyz MQTT checks', () => {
  it('checks each source broker by name, and a broker that is down fails with its address', async () => {
    const reachable = mqttReadinessChecks(
      loadHubConfig(undefined, { LOGISTICS_MQTT_URL: 'mqtt://127.0.0.1:1883' }),
    );
    const down = mqttReadinessChecks(loadHubConfig(undefined, { LOGISTICS_MQTT_URL: 'mqtt://127.0.0.1:1' }));
    try {
      expect(Object.keys(reachable.checks)).toEqual(['mqtt:logistics']);
      await expect(reachable.checks['mqtt:logistics']!()).resolves.toBeUndefined();
      // Asked again, the probe answers from the connection it keeps instead of opening another.
      await expect(reachable.checks['mqtt:logistics']!()).resolves.toBeUndefined();
      await expect(down.checks['mqtt:logistics']!()).rejects.toThrow(/127\.0\.0\.1:1\b/);
    } finally {
      await Promise.all([reachable.close(), down.close()]);
    }
  });
});
