import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Key } from './keys.js';

const where = (k: Key) => `${k.pk} / ${k.sk}`;

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

/** An item the operation needs is not there (e.g. marking an agency done in a round that was never recorded). */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly key: Key,
    options?: ErrorOptions,
  ) {
    super(`${entity} not found: ${where(key)}`, options);
    this.name = 'NotFoundError';
  }
}

/**
 * An item written by a newer version of the code (its `schemaVersion` is beyond what this code reads): refused
 * rather than misread. Deploy the newer code, or roll the item back.
 */
export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly entity: string,
    readonly key: Key,
    readonly found: unknown,
    readonly known: readonly number[],
  ) {
    super(`${entity} ${where(key)}: schemaVersion ${String(found)} is unknown to this code (it reads ${known.join(', ')})`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/** An item of a known version that does not match its schema: named by key, with zod's issues. */
export class CorruptItemError extends Error {
  constructor(
    readonly entity: string,
    readonly key: Key,
    readonly issues: string,
    options?: ErrorOptions,
  ) {
    super(`${entity} ${where(key)} does not match its schema:\n${issues}`, options);
    this.name = 'CorruptItemError';
  }
}

/** Whether an AWS SDK error is a lost condition check (by class, or by name across SDK copies). */
export const isConditionFailed = (e: unknown): boolean =>
  e instanceof ConditionalCheckFailedException || (e instanceof Error && e.name === 'ConditionalCheckFailedException');
