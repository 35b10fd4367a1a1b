import { describe, expect, it } from 'vitest';
import { loadHubConfig } from '@district-hub/connectors';
import { mqttReadinessChecks } from './readiness-checks.ts';

describe('/readyz MQTT checks', () => {
  it('checks each source broker by name, and a broker that is down fails with its address', async () => {
    const reachable = mqttReadinessChecks(
      loadHubConfig(undefined, { LOGISTICS_MQTT_URL: 'mqtt://127.0.0.1:1883' }),
    );
    expect(Object.keys(reachable)).toEqual(['mqtt:logistics']);
    await expect(reachable['mqtt:logistics']!()).resolves.toBeUndefined();

    const down = mqttReadinessChecks(loadHubConfig(undefined, { LOGISTICS_MQTT_URL: 'mqtt://127.0.0.1:1' }));
    await expect(down['mqtt:logistics']!()).rejects.toThrow(/127\.0\.0\.1:1\b/);
  });
});
