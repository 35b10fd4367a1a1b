import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { componentLogger, createLogger } from './logger.ts';

/** A destination that keeps what it was given, as text. */
function collect() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('the hub logger', () => {
  it('writes one JSON object a line, with the component and the error’s stack, in JSON form', () => {
    const out = collect();
    const logger = createLogger({ pretty: false, destination: out.stream });
    componentLogger(logger, 'jobs').error({ err: new Error('queue connection lost') }, 'worker error');
    logger.debug('below the default level');

    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 50,
      component: 'jobs',
      msg: 'worker error',
      err: {
        type: 'Error',
        message: 'queue connection lost',
        stack: expect.stringContaining('logger.test.ts'),
      },
    });
  });

  it('writes a readable line for a person in pretty form: time, level, component, message, then the fields', async () => {
    const out = collect();
    const logger = createLogger({ pretty: true, destination: out.stream });
    componentLogger(logger, 'sync').warn({ source: 'office-space', runId: 7 }, 'retrying page 3');

    await expect.poll(out.text).toContain('\n');
    // Colours depend on the terminal the tests run in; the words do not.
    const line = stripVTControlCharacters(out.text());
    expect(line).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: \[sync\] retrying page 3 \{"source":"office-space","runId":7\}\n$/,
    );
  });

  it('leaves out what is below its level', () => {
    const out = collect();
    const logger = createLogger({ level: 'warn', pretty: false, destination: out.stream });
    logger.info('routine');
    logger.warn('worth a look');
    expect(
      out
        .text()
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['worth a look']);
  });
});
