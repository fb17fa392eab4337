import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatVnTime } from '@dvcwatch/core';
import sirv from 'sirv';

/**
 * The page `/` answers before the first round has built the site: says the first round is running (Vietnamese),
 * and reloads itself every 10 seconds until the real index replaces it.
 */
export const waitingPage = (startedAt: string, agencies: number): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="10"><title>dvcwatch — vòng đo đầu tiên đang chạy</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}</style>
</head><body>
<h1>Vòng đo đầu tiên đang chạy</h1>
<p>dvcwatch bắt đầu lúc ${formatVnTime(startedAt)} (giờ Việt Nam) và đang đo ${agencies} cổng dịch vụ công bằng trình duyệt thật.
Trang tổng hợp sẽ hiện ở đây khi vòng đầu tiên xong (thường 1–3 phút); trang này tự tải lại sau mỗi 10 giây.</p>
<p>The first round is running; this page reloads every 10 seconds until the site is built.</p>
</body></html>
`;

/**
 * Serves the site folder on 127.0.0.1 at once: the waiting page for `/` until the first round writes index.html,
 * then the built site. Returns the base URL and how to stop.
 */
export async function serveSite(
  dir: string,
  port: number,
  waiting: () => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const assets = sirv(dir, { dev: true, extensions: ['html'] });
  const server = http.createServer((req, res) =>
    assets(req, res, () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const home = path === '/' || path === '/index.html';
      res.setHeader('content-type', `text/${home ? 'html' : 'plain'}; charset=utf-8`);
      if (home && !existsSync(join(dir, 'index.html'))) {
        res.setHeader('cache-control', 'no-store');
        res.end(waiting());
        return;
      }
      res.statusCode = 404;
      res.end('Không tìm thấy trang (404).');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
