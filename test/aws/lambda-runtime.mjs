// One Lambda execution environment, as a child process: imports a built handler (the bundle `sst build` produced)
// once, then runs one invocation at a time, as Lambda does, with a context whose remaining time counts down from
// the function's timeout. Killing this process is what Lambda does at a timeout or when memory runs out.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [file, exportName, functionName, timeoutMs, memoryMb] = process.argv.slice(2);
const mod = await import(pathToFileURL(file).href);
const handler = mod[exportName];
if (typeof handler !== 'function') throw new Error(`${file} exports no ${exportName}`);

process.on('message', async ({ id, event }) => {
  const deadline = Date.now() + Number(timeoutMs);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-southeast-1:123456789012:function:${functionName}`,
    memoryLimitInMB: memoryMb,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    process.send({ id, ok: true, result: result ?? null });
  } catch (e) {
    process.send({ id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
process.send({ ready: true });
