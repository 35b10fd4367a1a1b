/**
 * A TCP proxy in front of the vehicle platform's database, where the fault knobs act on a protocol the
 * simulator does not speak itself (MySQL or PostgreSQL wire): latency on every forwarded chunk, a new
 * connection reset at once (`errorRate`), and a connection cut in the middle of a result (`dropRate`:
 * the query that rolls it gets part of its answer, then both sockets close).
 */
import net, { type AddressInfo } from 'node:net';
import type { Faults } from '../faults.ts';

export interface FaultProxy {
  host: string;
  port: number;
  /** Open client connections. */
  connections(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(
  target: { host: string; port: number },
  faults: Faults,
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (faults.takeError()) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    let dropArmed = false;
    // Each direction forwards in order, each chunk after the latency knob's delay.
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();
    client.on('data', (chunk) => {
      client.pause();
      toServer = toServer.then(async () => {
        await faults.delay();
        if (faults.takeDrop()) dropArmed = true;
        if (!upstream.destroyed) upstream.write(chunk);
        client.resume();
      });
    });
    upstream.on('data', (chunk) => {
      upstream.pause();
      toClient = toClient.then(async () => {
        await faults.delay();
        if (client.destroyed) return;
        if (dropArmed) {
          const cut = Math.max(1, Math.floor(chunk.length * (0.3 + 0.4 * faults.fraction())));
          client.write(chunk.subarray(0, cut), () => {
            client.destroy();
            upstream.destroy();
          });
          return;
        }
        client.write(chunk);
        upstream.resume();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(listen.port, listen.host, resolve));
  const address = server.address() as AddressInfo;
  return {
    host: address.address,
    port: address.port,
    connections: () => [...sockets].length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
