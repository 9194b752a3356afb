// A TCP relay between a sharing client and its server that a test can cut and restore: what a
// browser going offline and back looks like to replication (connections dropped, new ones refused),
// while the server keeps running. It also notes the HTTP requests it relays.
import net from 'node:net';

export interface CutProxy {
  /** Base URL ending in "/", like the server's. */
  url: string;
  /** Request lines relayed ("GET /team/_changes?since=…"), oldest first. */
  requests: string[];
  /** Drop every connection and refuse new ones. */
  cut(): Promise<void>;
  /** Accept connections again, on the same port. */
  restore(): Promise<void>;
  listening(): boolean;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)((?:GET|PUT|POST|DELETE|HEAD) \S+) HTTP\/1\.[01]\r\n/g;

/** A relay on 127.0.0.1 to the server at `target` (a base URL). */
export async function startCutProxy(target: string): Promise<CutProxy> {
  const to = new URL(target);
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk) => {
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) requests.push(m[1]);
    });
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const stopListening = () => new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    cut: stopListening,
    restore: () => listen(port),
    listening: () => server.listening,
    close: stopListening,
  };
}
