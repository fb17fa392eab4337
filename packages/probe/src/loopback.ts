import type net from 'node:net';

/** Listens on a free port of 127.0.0.1 and gives the server's address as a proxy URL (`http://127.0.0.1:<port>`). */
export async function listenOnLoopback(server: net.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}
