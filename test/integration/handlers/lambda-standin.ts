import { type StandIn, startStandIn } from './http-standin.js';

/** One Lambda Invoke as received. */
export interface Invocation {
  functionName: string;
  invocationType: string;
  payload: unknown;
}

export interface LambdaStandIn extends StandIn {
  invocations: Invocation[];
}

/** Stand-in for Lambda's Invoke (REST: POST /2015-03-31/functions/<name>/invocations): records, answers 202. */
export async function startLambdaStandIn(): Promise<LambdaStandIn> {
  const invocations: Invocation[] = [];
  const server = await startStandIn((req) => {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url);
    if (req.method !== 'POST' || !m?.[1]) return { status: 404, body: '{"message":"stand-in: unknown route"}' };
    const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    invocations.push({ functionName: decodeURIComponent(m[1]), invocationType, payload: JSON.parse(req.body || 'null') });
    // An asynchronous (Event) invocation is accepted with 202 and an empty body.
    return invocationType === 'Event'
      ? { status: 202 }
      : { status: 200, headers: { 'content-type': 'application/json' }, body: 'null' };
  });
  return { ...server, invocations };
}
