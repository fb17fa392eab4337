import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An SES-API endpoint on 127.0.0.1 in front of the SES emulator that refuses, as the real SES sandbox does for
 * good, every SendEmail/SendRawEmail naming a recipient it was told to refuse: HTTP 400 with SES's own
 * `MessageRejected` error document. aws-ses-v2-local accepts every address, so this refusal is the one fault
 * no local server produces; everything else is forwarded to the emulator unchanged.
 */
export interface RefusingSes {
  endpoint: string;
  /** How many requests were refused. */
  refused(): number;
  /** The refused recipients, one entry per refused request, in order. */
  rejected: string[];
  /** When each send the proxy let through reached it (ms since the epoch), in order. */
  passedAt: number[];
  close(): Promise<void>;
}

const rejection = (who: string) =>
  `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>MessageRejected</Code>` +
  `<Message>Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-1: ${who}</Message>` +
  `</Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`;

/**
 * What SES answers in the sandbox when the sending role's IAM policy names only the sender identity: the recipient
 * is an identity too, and the role may not use it (HTTP 403, `AccessDenied`).
 */
const accessDenied = (who: string) =>
  `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
  `<Message>User \`arn:aws:sts::123456789012:assumed-role/dvcwatch-Mail/dvcwatch-Mail' is not authorized to perform ` +
  `\`ses:SendRawEmail' on resource \`arn:aws:ses:ap-southeast-1:123456789012:identity/${who}'</Message>` +
  `</Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`;

/**
 * Starts the proxy; `refuse` lists the addresses SES "has not verified" (`MessageRejected`), or, with
 * `as: 'AccessDenied'`, the ones the sending role may not send to.
 */
export async function startRefusingSes(
  upstream: string,
  refuse: string[],
  o: { as?: 'MessageRejected' | 'AccessDenied' } = {},
): Promise<RefusingSes> {
  const rejected: string[] = [];
  const passedAt: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const form = new URLSearchParams(body.toString('utf8'));
    const sending = /^Send(Raw)?Email$/.test(form.get('Action') ?? '');
    const destinations = [...form.entries()].filter(([k]) => /^Destination/.test(k)).map(([, v]) => v);
    const who = destinations.find((d) => refuse.includes(d));
    if (sending && who) {
      rejected.push(who);
      if (o.as === 'AccessDenied') res.writeHead(403, { 'content-type': 'text/xml' }).end(accessDenied(who));
      else res.writeHead(400, { 'content-type': 'text/xml' }).end(rejection(who));
      return;
    }
    if (sending) passedAt.push(Date.now());
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length'));
    const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
      method: req.method,
      headers: headers as Record<string, string>,
      body,
    });
    const passed = [...answer.headers].filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(k));
    res.writeHead(answer.status, Object.fromEntries(passed)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => rejected.length,
    rejected,
    passedAt,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
