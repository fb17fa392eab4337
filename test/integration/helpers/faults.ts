/**
 * Faults a real local server cannot produce (DynamoDB throttling, SES rate limits), injected into an AWS SDK v3
 * client as a middleware. It sits in the `deserialize` step, i.e. inside the SDK's retry middleware
 * (`finalizeRequest` step), so every SDK attempt meets it and the SDK's own retry/backoff is exercised as it
 * would be against the real service. The errors are the SDK's own exception classes, as deserialized from AWS.
 */
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SESServiceException } from '@aws-sdk/client-ses';

/** The part of an SDK v3 client a fault needs (method syntax: any client's stack fits). */
interface WithStack {
  middlewareStack: {
    add(middleware: never, options: { step: 'deserialize'; name: string; priority: 'high' }): void;
    remove(name: string): boolean;
  };
}

export interface FaultOptions {
  /** How many matching calls fail before the fault stops (Infinity: until `stop()`). */
  times: number;
  /** Which commands are hit, by name (`PutItemCommand`, `SendRawEmailCommand`); all when omitted. */
  commands?: string[];
  error: () => Error;
}

export interface Fault {
  /** Matching SDK attempts seen (failed or passed). */
  attempts(): number;
  /** Attempts that were failed. */
  injected(): number;
  /** Lets every later call through. */
  stop(): void;
  /** Removes the middleware from the client. */
  remove(): void;
}

let seq = 0;

/** Makes the first `times` matching SDK attempts of `client` fail with `error()`. */
export function injectFault(client: WithStack, o: FaultOptions): Fault {
  const name = `test-fault-${++seq}`;
  let attempts = 0;
  let injected = 0;
  let stopped = false;
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      if (o.commands && !o.commands.includes(context.commandName ?? '')) return next(args);
      attempts++;
      if (!stopped && injected < o.times) {
        injected++;
        throw o.error();
      }
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'deserialize', name, priority: 'high' });
  return {
    attempts: () => attempts,
    injected: () => injected,
    stop: () => {
      stopped = true;
    },
    remove: () => void client.middlewareStack.remove(name),
  };
}

/** DynamoDB's answer when a table's throughput is exceeded (HTTP 400, retryable by the SDK as throttling). */
export const dynamoThrottled = (): Error =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded.',
    $metadata: { httpStatusCode: 400 },
  });

/** SES's answer over its sending rate (Query API error code `Throttling`, HTTP 400). */
export const sesThrottled = (): Error =>
  new SESServiceException({
    name: 'Throttling',
    $fault: 'client',
    message: 'Maximum sending rate exceeded.',
    $metadata: { httpStatusCode: 400 },
  });
