import { connect } from 'mqtt';
import type { Redis } from 'ioredis';

/** For `/readyz`: resolves when Redis answers PING, rejects with the reason otherwise. */
export async function checkRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
}

/** For `/readyz`: resolves when the MQTT broker accepts a connection within `timeoutMs` (default 2 s). */
export function checkMqtt(url: string, timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = connect(url, { connectTimeout: timeoutMs, reconnectPeriod: 0 });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      client.end(true);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`MQTT broker ${url} did not answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once('connect', () => finish());
    client.once('error', (error) => finish(error));
  });
}
