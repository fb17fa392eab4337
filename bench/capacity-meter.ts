import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isConditionFailed } from '@dvcwatch/store';

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

/**
 * Write capacity units as DynamoDB bills them, read from the server: every write asks for
 * `ReturnConsumedCapacity: TOTAL` (dynalite computes it by DynamoDB's rules: 1 WCU per started KB of the larger of
 * the item before and after). A write whose condition fails still consumes at least 1 WCU (DynamoDB developer
 * guide, "Condition expressions"): counted as 1, as the items that fail here (completions) are under 1 KB.
 */
export function meterCapacity(client: DynamoDBClient): { read(): { wcu: number; calls: number }; reset(): void } {
  let wcu = 0;
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '?';
      if (!WRITES.has(name)) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      calls++;
      try {
        const out = await next(args);
        wcu += (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0;
        return out;
      } catch (e) {
        if (isConditionFailed(e)) wcu += 1;
        throw e;
      }
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return {
    read: () => ({ wcu, calls }),
    reset: () => {
      wcu = 0;
      calls = 0;
    },
  };
}
