import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SES in front of the SES emulator (aws-ses-v2-local), refusing every email to `refused` as SES refuses an
 * unverified recipient in the sandbox: HTTP 400, Query-API error `MessageRejected`. The emulator accepts every
 * address, so this refusal is the one fault here no local server produces; every other call is passed through.
 */
export async function startRefusingSes(upstream: string, refused: string) {
  const rejected: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      const raw = form.get('RawMessage.Data');
      const text = raw ? Buffer.from(raw, 'base64').toString('utf8') : body.toString('utf8');
      const headers = text.split(/\r?\n\r?\n/)[0] ?? '';
      if (
        /^Action=Send/.test(body.toString('utf8')) &&
        /^(to|cc):.*$/im.test(headers) &&
        headers.toLowerCase().includes(refused)
      ) {
        rejected.push(refused);
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end(
            '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
              '<Code>MessageRejected</Code><Message>Email address is not verified. The following identities failed the ' +
              `check in region AP-SOUTHEAST-1: ${refused}</Message></Error>` +
              '<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>',
          );
        return;
      }
      const out = await fetch(`${upstream}${req.url}`, {
        method: req.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers)
            .filter(([k]) => k !== 'host')
            .map(([k, v]) => [k, String(v)]),
        ),
        ...(req.method === 'GET' ? {} : { body }),
      });
      res.writeHead(out.status, { 'content-type': out.headers.get('content-type') ?? 'text/xml' });
      res.end(Buffer.from(await out.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    rejected,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
