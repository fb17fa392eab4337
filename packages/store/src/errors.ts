/** A conditional write lost: someone else wrote first (another round, a retried Lambda). */
export class ConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
  }
}

/** The store could not be reached or refused after retries. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Whether an AWS SDK error is a lost condition check. */
export const isConditionFailed = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ConditionalCheckFailedException' || /conditional request failed/i.test(e.message));
