import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Small portals on 127.0.0.1 that can be switched off and on again on the same port, as a network outage looks
 * from the probe (connection refused), then restored. Each serves a home page and a form page.
 */
export interface SwitchablePortals {
  homes: string[];
  forms: string[];
  /** Closes every listener: connections to the ports are refused until `on()`. */
  off(): Promise<void>;
  /** Listens again on the same ports. */
  on(): Promise<void>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const handler = (n: number) => (req: { url?: string }, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  if (req.url?.startsWith('/form'))
    res.end(page(`Biểu mẫu ${n}`, '<form><label>Họ và tên <input name="ten"></label><button>Nộp hồ sơ</button></form>'));
  else res.end(page(`Cổng dịch vụ công ${n}`, '<a href="/form">Nộp hồ sơ trực tuyến</a><p>Tổng đài: 1900 1234</p>'));
};

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

/** Starts `count` portals on ephemeral ports. */
export async function startSwitchablePortals(count: number): Promise<SwitchablePortals> {
  let servers = Array.from({ length: count }, (_, i) => createServer(handler(i)));
  const ports = await Promise.all(servers.map((s) => listen(s, 0)));
  const closeAll = () =>
    Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((r) => {
            s.closeAllConnections();
            s.close(() => r());
          }),
      ),
    ).then(() => undefined);
  return {
    homes: ports.map((p) => `http://127.0.0.1:${p}/`),
    forms: ports.map((p) => `http://127.0.0.1:${p}/form`),
    off: closeAll,
    on: async () => {
      servers = ports.map((_, i) => createServer(handler(i)));
      await Promise.all(servers.map((s, i) => listen(s, ports[i]!)));
    },
    close: closeAll,
  };
}
