import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** DynamoDB write calls and request bytes seen by a client, for the cost model. */
export interface WriteCounts {
  calls: number;
  bytes: number;
  /** Write request units if each call's request body were the item: ceil(bytes / 1 KB) per call (an upper bound). */
  wru: number;
  byCommand: Record<string, number>;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/** Adds a counting middleware to `client` (finalizeRequest step: the serialized HTTP request is known). */
export function meterWrites(client: DynamoDBClient): { read(): WriteCounts; reset(): void } {
  let counts: WriteCounts = { calls: 0, bytes: 0, wru: 0, byCommand: {} };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '?';
      if (WRITES.has(name)) {
        const body = (args.request as { body?: unknown }).body;
        const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
        counts.calls++;
        counts.bytes += bytes;
        counts.wru += Math.max(1, Math.ceil(bytes / 1024));
        counts.byCommand[name] = (counts.byCommand[name] ?? 0) + 1;
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'benchWriteMeter' },
  );
  return {
    read: () => structuredClone(counts),
    reset: () => {
      counts = { calls: 0, bytes: 0, wru: 0, byCommand: {} };
    },
  };
}
