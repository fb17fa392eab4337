import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Request units as DynamoDB bills them on demand, counted for every function of the bench. */
export interface RequestUnits {
  wru: number;
  rru: number;
  /** Bytes of the write requests (item sizes, for the storage estimate). */
  writeBytes: number;
  writes: number;
  reads: number;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/**
 * A proxy in front of the local DynamoDB server (dynalite) through which the bench's functions, run from their
 * built bundles in their own processes, reach the table: it asks every item request for `ReturnConsumedCapacity:
 * TOTAL` (dynalite computes it by DynamoDB's rules: 1 WRU per started KB written, 1 RRU per started 4 KB read
 * strongly consistent, half that eventually consistent) and sums what comes back. A write whose condition fails
 * still consumes 1 WRU (DynamoDB developer guide, "Condition expressions"), counted so.
 */
export async function startDynamoWireMeter(target: string): Promise<{
  endpoint: string;
  read(): RequestUnits;
  reset(): void;
  close(): Promise<void>;
}> {
  const up = new URL(target);
  let units: RequestUnits = { wru: 0, rru: 0, writeBytes: 0, writes: 0, reads: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      let body = Buffer.concat(chunks);
      const metered = WRITES.has(op) || READS.has(op);
      if (metered) {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(input));
        if (WRITES.has(op)) {
          units.writes++;
          units.writeBytes += body.byteLength;
        } else units.reads++;
      }
      const headers = { ...req.headers, 'content-length': String(body.byteLength), host: up.host };
      const out = http.request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (r) => {
        const back: Buffer[] = [];
        r.on('data', (c: Buffer) => back.push(c));
        r.on('end', () => {
          const text = Buffer.concat(back);
          if (metered) count(op, r.statusCode ?? 500, text.toString('utf8'));
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(text);
        });
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  const count = (op: string, status: number, text: string) => {
    if (status !== 200) {
      if (WRITES.has(op) && text.includes('ConditionalCheckFailed')) units.wru += 1;
      return;
    }
    const out = JSON.parse(text) as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
    const list = Array.isArray(out.ConsumedCapacity) ? out.ConsumedCapacity : out.ConsumedCapacity ? [out.ConsumedCapacity] : [];
    const cu = list.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
    if (WRITES.has(op)) units.wru += cu;
    else units.rru += cu;
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    read: () => ({ ...units }),
    reset: () => {
      units = { wru: 0, rru: 0, writeBytes: 0, writes: 0, reads: 0 };
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
