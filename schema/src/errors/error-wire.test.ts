import { describe, expect, it } from 'vitest';
import { hubErrorToText, reviveHubError } from './error-wire.ts';
import { ConfigError, HubError, SourceError } from './hub-error.ts';

describe('a HubError across a queue', () => {
  it('comes back as the class of its code with its message, from its text or from a row', () => {
    const config = reviveHubError(hubErrorToText(new ConfigError('sources.x.url: missing')));
    expect(config).toBeInstanceOf(ConfigError);
    expect(config).toMatchObject({ code: 'config/invalid', message: 'sources.x.url: missing' });
    const source = reviveHubError('ECONNREFUSED 10.0.0.7:443', 'connector/source_unreachable', { runId: 3 });
    expect(source).toBeInstanceOf(SourceError);
    expect(source).toMatchObject({ code: 'connector/source_unreachable', details: { runId: 3 } });
    const database = reviveHubError('database/unreachable: connection terminated');
    expect(database.constructor).toBe(HubError);
    expect(database.message).toBe('connection terminated');
  });

  it('keeps text without a known code whole, as a failed source', () => {
    const error = reviveHubError('job stalled more than allowable limit');
    expect(error).toMatchObject({
      code: 'connector/source_failed',
      message: 'job stalled more than allowable limit',
    });
    expect(reviveHubError('nope/thing: x').message).toBe('nope/thing: x');
  });

  it('prints as JSON with its message', () => {
    expect(JSON.parse(JSON.stringify(new SourceError('connector/source_failed', 'HTTP 500')))).toEqual({
      name: 'SourceError',
      code: 'connector/source_failed',
      message: 'HTTP 500',
      details: {},
    });
  });
});
