import type { Registry } from '@dvcwatch/core';
import type { Mailer } from '@dvcwatch/notify';
import type { Sends, Store } from '@dvcwatch/store';
import type { Logger } from './log.js';

/** What the round's steps need; built once by a composition root (the CLI or a Lambda handler). */
export interface RunnerDeps {
  registry: Registry;
  store: Store;
  sends: Sends;
  mailer: Mailer;
  log: Logger;
  /** Turns an evidence key (`evidence/…jpg`) into a link for emails, or null. */
  evidenceUrl: (key: string) => string | null;
}
