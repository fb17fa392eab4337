import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface OnePortServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on one port of `host` that speaks both plain HTTP and, given `tls`, HTTPS (told apart by the first byte:
 * 0x16 opens a TLS handshake), as a portal answering http:// and https:// on the same address does. Without `tls`,
 * plain HTTP only. `port` 0 takes an ephemeral port.
 */
export async function listenOnePort(opts: {
  port: number;
  host?: string;
  plain: http.RequestListener;
  secure?: http.RequestListener;
  tls?: { key: string | Buffer; cert: string | Buffer };
}): Promise<OnePortServer> {
  const plain = http.createServer(opts.plain);
  const secure = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, opts.secure ?? opts.plain) : null;
  const front = net.createServer((socket) => {
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) return void socket.destroy();
      socket.unshift(first);
      (secure && first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (front.address() as net.AddressInfo).port,
    close: async () => {
      plain.closeAllConnections();
      secure?.closeAllConnections();
      await new Promise<void>((r) => front.close(() => r()));
    },
  };
}
