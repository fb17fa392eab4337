import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a stand-in received it. */
export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StandIn {
  endpoint: string;
  close(): Promise<void>;
}

type Reply = { status: number; headers?: Record<string, string>; body?: string };

/** A small HTTP server on 127.0.0.1 that answers each request with `answer` (for AWS APIs with no local server here). */
export async function startStandIn(answer: (req: Received) => Reply | Promise<Reply>): Promise<StandIn> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      // An answer may take its time (SQS long polling).
      const reply = await answer({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
