import type { EmailMessage, Registry } from '@dvcwatch/core';
import type { SendKey, SendOutcome } from '@dvcwatch/notify';
import type { Sends, Store, VantageObservations } from '@dvcwatch/store';
import type { Logger } from './log.js';
import type { VantageJobs } from './vantages.js';

/**
 * What the round's steps send email through: the Mailer (SES) in a local round; on AWS the mail queue (`queued`:
 * the mail function sends it, keyed, at SES's rate); a stand-in that records each email as suppressed when history
 * is replayed (replay.ts), which is why the outcome may be `suppressed`.
 */
export interface MailSender {
  send(key: SendKey, message: EmailMessage): Promise<SendOutcome | 'suppressed' | 'queued'>;
}

/** What the round's steps need; built once by a composition root (the CLI or a Lambda handler). */
export interface RunnerDeps {
  registry: Registry;
  store: Store;
  sends: Sends;
  mailer: MailSender;
  log: Logger;
  /** Turns an evidence key (`evidence/…jpg`) into a link for emails, or null. */
  evidenceUrl: (key: string) => string | null;
  /** Where the agent vantages' observations are stored (core/vantage.ts); none: only local vantages. */
  observations?: VantageObservations | null;
  /** Where jobs for the agent vantages go (the probe Lambda's agent queue); none locally. */
  vantageJobs?: VantageJobs | null;
  /**
   * How long a probe waits for the agent vantages after a `down` (core/probe-budget.ts VANTAGE_WAIT_MS at most);
   * 0 or none: it does not wait, finalize combines what they stored later.
   */
  vantageWaitMs?: number;
  /**
   * Whether a placeholder head (core/placeholder-contact.ts) is skipped: true wherever mail can reach real
   * mailboxes (the AWS functions). The local CLI leaves it off: its only SES is the emulator on this machine, so
   * the demo's fictional heads still show their emails in the outbox.
   */
  skipPlaceholderHeads?: boolean;
}
