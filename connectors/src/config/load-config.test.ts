import { describe, expect, it } from 'vitest';
import { ConfigError } from '@district-hub/schema';
import { defaultConfigPath, durationMs, loadHubConfig, parseHubConfig } from './load-config.ts';

const minimal = (
  streams: string,
  connection = `{ baseUrl: 'http://127.0.0.1:1', auth: { type: bearer, token: '\${TOKEN}' } }`,
) => `
version: 1
sources:
  office-space:
    connectors:
      - kind: rest
        connection: ${connection}
        streams: ${streams}
`;

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('hub.config.yaml', () => {
  it('the repository file is valid, lists the four sources and points at the simulators by default', () => {
    const config = loadHubConfig(defaultConfigPath(), {});
    expect(Object.keys(config.sources).sort()).toEqual([
      'logistics',
      'office-space',
      'vehicle-platform',
      'warehouse',
    ]);
    const rest = config.sources['office-space']!.connectors[0]!.config as unknown as {
      connection: { baseUrl: string; auth: { token: string } };
    };
    expect(rest.connection.baseUrl).toBe('http://127.0.0.1:4101');
    expect(rest.connection.auth.token).toBe('office-space-dev-token');
    expect(config.sources['vehicle-platform']!.connectors[0]!.kind).toBe('sql');
    expect(config.sources.logistics!.connectors.map((c) => c.kind)).toEqual(['rest', 'mqtt']);
    // Alarms reach the hub as they happen: the MQTT connector is followed, not polled each minute.
    expect(config.sources.logistics!.connectors.map((c) => c.live)).toEqual([false, true]);
    expect(config.sources.warehouse!.connectors[0]!.kind).toBe('file');
  });

  it('takes secrets from the environment, with defaults', () => {
    const config = parseHubConfig(
      minimal(`[{ name: rooms, path: /r, mapping: office-space/rooms }]`),
      'hub.config.yaml',
      { TOKEN: 's3cret' },
    );
    const rest = config.sources['office-space']!.connectors[0]!.config as unknown as {
      connection: { auth: { token: string } };
    };
    expect(rest.connection.auth.token).toBe('s3cret');
    const fallback = parseHubConfig(
      minimal(
        `[{ name: rooms, path: /r, mapping: office-space/rooms }]`,
        `{ baseUrl: '\${URL:-http://x.test}' }`,
      ),
      'hub.config.yaml',
      {},
    );
    expect(
      (
        fallback.sources['office-space']!.connectors[0]!.config as unknown as {
          connection: { baseUrl: string };
        }
      ).connection.baseUrl,
    ).toBe('http://x.test');
  });

  it('names the file, the path and the variable when a secret is missing', () => {
    const error = errorOf(() =>
      parseHubConfig(
        minimal(`[{ name: rooms, path: /r, mapping: office-space/rooms }]`),
        'hub.config.yaml',
        {},
      ),
    );
    expect(error.message).toBe(
      'hub.config.yaml: sources.office-space.connectors[0].connection.auth.token: environment variable TOKEN is not set (referenced as ${TOKEN}); set it or write ${TOKEN:-default}',
    );
  });

  it('names the file, the path and what was expected for a bad value', () => {
    const env = { TOKEN: 't' };
    const paging = errorOf(() =>
      parseHubConfig(
        minimal(`[{ name: rooms, path: /r, mapping: office-space/rooms, paging: { type: pages } }]`),
        'hub.config.yaml',
        env,
      ),
    );
    expect(paging.message).toMatch(
      /^hub\.config\.yaml: sources\.office-space\.connectors\[0\]\.streams\[0\]\.paging\.type: .*'page' \| 'offset' \| 'cursor' \| 'link' \| 'none'/,
    );
    const path = errorOf(() =>
      parseHubConfig(
        minimal(`[{ name: rooms, path: r, mapping: office-space/rooms }]`),
        'hub.config.yaml',
        env,
      ),
    );
    expect(path.message).toMatch(/connectors\[0\]\.streams\[0\]\.path: expected a path starting with \//);
    const mapping = errorOf(() =>
      parseHubConfig(minimal(`[{ name: rooms, path: /r, mapping: nowhere/rooms }]`), 'hub.config.yaml', env),
    );
    expect(mapping.message).toMatch(/streams\[0\]\.mapping: no mapping module named "nowhere\/rooms"/);
    const kind = errorOf(() =>
      parseHubConfig(minimal('[]').replace('kind: rest', 'kind: soap'), 'hub.config.yaml', env),
    );
    expect(kind.message).toMatch(
      /^hub\.config\.yaml: sources\.office-space\.connectors\.0\.kind|connectors\[0\]\.kind/,
    );
    const yaml = errorOf(() => parseHubConfig('version: 1\nsources: [\n', 'hub.config.yaml', env));
    expect(yaml.message).toMatch(/^hub\.config\.yaml:\d+:\d+: not valid YAML/);
    const missing = errorOf(() => loadHubConfig('/nonexistent/hub.config.yaml', env));
    expect(missing.message).toMatch(/hub\.config\.yaml: file not found/);
  });

  it('accepts live only on mqtt connectors, saying which connector and why', () => {
    const withLive = (value: string) =>
      errorOf(() =>
        parseHubConfig(
          minimal(`[{ name: rooms, path: /r, mapping: office-space/rooms }]`).replace(
            'kind: rest',
            `kind: rest\n        live: ${value}`,
          ),
          'hub.config.yaml',
          { TOKEN: 't' },
        ),
      );
    expect(withLive('true').message).toBe(
      'hub.config.yaml: sources.office-space.connectors[0].live: only mqtt connectors can be live (followed continuously); a rest connector is read by the scheduled runs',
    );
    const notBoolean = withLive('sometimes');
    expect(notBoolean.message).toMatch(/connectors(\.0|\[0\])\.live: .*boolean/);
  });

  it('reads durations for schedules', () => {
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('15m')).toBe(900_000);
    expect(() => durationMs('soon')).toThrow(ConfigError);
  });
});
