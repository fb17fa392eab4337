import { z } from 'zod';
import { type Entity, jsonOf } from './item.js';

/** One email's send record: written before the send, so a retried job cannot send twice. */
export interface SendRecord {
  scope: string;
  topic: string;
  step: string;
  /**
   * `suppressed`: decided while replaying demo history and deliberately never sent (runner/replay.ts).
   * `rejected`: SES refused it for good (sandbox, unverified address or sender); `lastError` holds SES's reason.
   */
  state: 'pending' | 'sent' | 'suppressed' | 'rejected';
  kind: string;
  to: string[];
  subject: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  messageId: string | null;
  lastError: string | null;
}

export type Claim = 'claimed' | 'already-sent' | 'busy' | 'rejected';

/** An email SES refused for good, as listed to the operators. */
export interface Rejection {
  at: string;
  scope: string;
  topic: string;
  step: string;
  kind: string;
  to: string[];
  reason: string;
}

const STATES = ['pending', 'sent', 'suppressed', 'rejected'] as const;

export interface SesEvent {
  at: string;
  type: 'Bounce' | 'Complaint' | 'Delivery' | string;
  messageId: string;
  recipients: string[];
  detail: string;
}

/**
 * A send row as written by `claim` (UpdateItem, attributes spread on the item); `to` is a string set (`(none)`
 * when empty). Fields absent on rows of older code take their defaults.
 */
const SendItemV1 = z
  .object({
    scope: z.string().default(''),
    topic: z.string().default(''),
    step: z.string().default(''),
    state: z.enum(STATES).catch('pending'),
    kind: z.string().default(''),
    to: z.array(z.string()).default([]),
    subject: z.string().default(''),
    attempts: z.number().default(0),
    createdAt: z.string().default(''),
    sentAt: z.string().nullable().default(null),
    messageId: z.string().nullable().default(null),
    lastError: z.string().nullable().default(null),
  })
  .transform((r): SendRecord => r);

export const sendEntity: Entity<SendRecord> = { name: 'send', current: 1, versions: { 1: SendItemV1 } };

const RejectionPayload = z.object({
  at: z.string(),
  scope: z.string(),
  topic: z.string(),
  step: z.string(),
  kind: z.string(),
  to: z.array(z.string()),
  reason: z.string(),
}) satisfies z.ZodType<Rejection>;

export const rejectionEntity: Entity<Rejection> = {
  name: 'SES rejection',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(RejectionPayload) }).transform((i) => i.data) },
};

const SesEventPayload = z.object({
  at: z.string(),
  type: z.string(),
  messageId: z.string(),
  recipients: z.array(z.string()),
  detail: z.string(),
}) satisfies z.ZodType<SesEvent>;

export const sesEventEntity: Entity<SesEvent> = {
  name: 'SES event',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(SesEventPayload) }).transform((i) => i.data) },
};
