import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { type EmailMessage, oneLine } from '@dvcwatch/core';
import type { Sends } from '@dvcwatch/store';
import { buildMime } from './mime.js';

/** Identifies one email: (scope = agency id or `ops`, topic = incident or subject, step). */
export interface SendKey {
  scope: string;
  topic: string;
  step: string;
  kind: string;
}

/** `rejected`: SES refused the email for good (recorded with SES's reason, never retried, listed to operators). */
export type SendOutcome = 'sent' | 'already-sent' | 'busy' | 'no-recipients' | 'rejected';

export interface MailerOptions {
  ses: SESClient;
  sends: Sends;
  from: string;
  /** SES configuration set (bounce and complaint events go through it to SNS). */
  configurationSet?: string;
  /** Attempts per email for transient SES failures (throttling, 5xx, timeouts). */
  attempts?: number;
  baseDelayMs?: number;
  /** Lease on a claimed send: after it, a crashed attempt may be retried. */
  leaseMs?: number;
  /** SES sandbox allows 1 message a second: the gap kept between two sends. */
  minIntervalMs?: number;
  /** Called with the raw message after SES accepted it (the local outbox writes `.eml` files). */
  onSent?: (raw: Buffer, key: SendKey, messageId: string) => Promise<void>;
  /** Fault injection for tests: runs between the claim and the SES call. */
  afterClaim?: (key: SendKey) => Promise<void>;
  now?: () => number;
}

/** SES error names worth retrying (SES v1 API reference, common errors; `Throttling` is "Maximum sending rate exceeded"). */
const TRANSIENT_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalFailureException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
/** Node's network error codes (a refused or dropped connection, "socket hang up" is ECONNRESET). */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** Whether an SES failure is worth retrying: by error name, network code or the SDK's own retryable mark, never by message. */
export const isTransient = (e: unknown): boolean =>
  e instanceof Error &&
  (TRANSIENT_NAMES.has(e.name) ||
    TRANSIENT_CODES.has(String((e as { code?: unknown }).code)) ||
    (e as { $retryable?: unknown }).$retryable !== undefined);

/**
 * SES refusals that no retry changes: the sandbox's unverified recipients and an unverified sender
 * (`MessageRejected`), a role whose IAM policy does not allow the identity (`AccessDenied`: in the sandbox a
 * policy naming only the sender refuses every unverified recipient this way), an unverified MAIL FROM domain, a
 * missing configuration set, a paused account (SES v1 API reference, SendRawEmail errors). They are settled as
 * `rejected`, never thrown into a probe job, the publish or the digest.
 */
const PERMANENT = new Set([
  'MessageRejected',
  'AccessDenied',
  'AccessDeniedException',
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetDoesNotExist',
  'ConfigurationSetSendingPausedException',
  'AccountSendingPausedException',
]);

/**
 * Whether SES refused an email for good: a known refusal, or any other error SES blames on the request (the SDK's
 * `$fault: 'client'`, HTTP 4xx) that is not throttling: asking again sends the same request.
 */
export const isPermanentRefusal = (e: unknown): boolean =>
  e instanceof Error &&
  (PERMANENT.has(e.name) || ((e as { $fault?: unknown }).$fault === 'client' && !TRANSIENT_NAMES.has(e.name)));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends each keyed email at most once: claim with a conditional write, send with backoff, record the send. */
export class Mailer {
  private last = 0;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly o: MailerOptions) {}

  /** Sends `message` unless the same key was already sent (or is being sent by another worker). */
  send(key: SendKey, message: EmailMessage): Promise<SendOutcome> {
    // One send at a time per mailer keeps to SES's per-second rate without a token bucket.
    const run = this.queue.then(() => this.sendNow(key, message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendNow(key: SendKey, message: EmailMessage): Promise<SendOutcome> {
    const o = this.o;
    const now = o.now ?? Date.now;
    if (message.to.length === 0) return 'no-recipients';
    const claim = await o.sends.claim(
      { ...key, to: message.to, subject: oneLine(message.subject, 250) },
      now(),
      o.leaseMs ?? 120_000,
    );
    if (claim === 'already-sent') return 'already-sent';
    if (claim === 'busy') return 'busy';
    if (claim === 'rejected') return 'rejected';
    try {
      await o.afterClaim?.(key);
      const raw = await buildMime(o.from, message, { 'X-Dvcwatch-Key': `${key.scope}/${key.topic}/${key.step}` });
      const messageId = await this.deliver(raw, message);
      await o.sends.sent(key.scope, key.topic, key.step, messageId, now());
      await o.onSent?.(raw, key, messageId);
      return 'sent';
    } catch (e) {
      if (isPermanentRefusal(e)) {
        const reason = `${(e as Error).name}: ${(e as Error).message}`;
        await o.sends.rejected({ ...key, to: [...message.to, ...message.cc], reason }, now());
        return 'rejected';
      }
      await o.sends.failed(key.scope, key.topic, key.step, e instanceof Error ? e.message : String(e)).catch(() => undefined);
      throw e;
    }
  }

  private async deliver(raw: Buffer, m: EmailMessage): Promise<string> {
    const attempts = this.o.attempts ?? 5;
    for (let i = 1; ; i++) {
      const gap = (this.o.minIntervalMs ?? 0) - (Date.now() - this.last);
      if (gap > 0) await sleep(gap);
      this.last = Date.now();
      try {
        const out = await this.o.ses.send(
          new SendRawEmailCommand({
            RawMessage: { Data: raw },
            Destinations: [...m.to, ...m.cc],
            ...(this.o.configurationSet ? { ConfigurationSetName: this.o.configurationSet } : {}),
          }),
        );
        return out.MessageId ?? 'unknown';
      } catch (e) {
        if (i >= attempts || !isTransient(e)) throw e;
        // Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter").
        await sleep(Math.random() * (this.o.baseDelayMs ?? 500) * 2 ** (i - 1));
      }
    }
  }
}
