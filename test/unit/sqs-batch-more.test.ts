import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { withSqsBatch } from '../../functions/shared/middleware.js';

const record = (id: string): SQSRecord => ({ messageId: id, receiptHandle: `h-${id}`, body: id }) as unknown as SQSRecord;
const context = { awsRequestId: 'r1', getRemainingTimeInMillis: () => 600_000 } as unknown as Context;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an SQS consumer that takes further records as places free up (issue 21: no idle invocation)', () => {
  it('keeps every place busy with records from the queue, settles each, and reports only the batch in its answer', async () => {
    // prepare: a batch of two, three more waiting in the queue; "b" and "x2" fail; "a" is slow
    const queue = ['x1', 'x2', 'x3'];
    const settled: [string, boolean][] = [];
    const running = new Set<string>();
    let most = 0;
    const handler = withSqsBatch(
      'test',
      async (r) => {
        running.add(r.body);
        most = Math.max(most, running.size);
        await tick(r.body === 'a' ? 60 : 10);
        running.delete(r.body);
        if (r.body === 'b' || r.body === 'x2') throw new Error(`${r.body} failed`);
      },
      () => 2,
      {
        take: async () => {
          const id = queue.shift();
          return id ? record(id) : null;
        },
        settle: async (r, ok) => {
          settled.push([r.body, ok]);
        },
      },
    );
    // act
    const out = await handler({ Records: [record('a'), record('b')] } as SQSEvent, context);
    // assess: while "a" was slow, its neighbour's place took x1, x2 and x3 one after another; two at a time at most
    expect(settled).toEqual([
      ['x1', true],
      ['x2', false],
      ['x3', true],
    ]);
    expect(most).toBe(2);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
  });

  it('without further records, runs the batch alone', async () => {
    const seen: string[] = [];
    const handler = withSqsBatch('test', async (r) => {
      seen.push(r.body);
    });
    expect(await handler({ Records: [record('a'), record('b')] } as SQSEvent, context)).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['a', 'b']);
  });
});
