import { type Agency, type EmailMessage, isPlaceholderHead, oneLine } from '@dvcwatch/core';
import type { SendKey } from '@dvcwatch/notify';
import type { RunnerDeps } from './deps.js';

/** Why a head's email was not sent, as recorded on its send row (`suppressed`). */
export const PLACEHOLDER_REASON = 'placeholder head: the registry names no real address for this agency (not sent)';

/**
 * A placeholder head is never emailed where mail can reach real mailboxes (`deps.skipPlaceholderHeads`): the email
 * is recorded `suppressed` with the reason instead, once per key, and the caller treats it as settled. True when
 * the email was skipped.
 */
export async function skipPlaceholderHead(
  deps: RunnerDeps,
  agency: Agency,
  key: SendKey,
  message: EmailMessage,
): Promise<boolean> {
  if (!deps.skipPlaceholderHeads || !isPlaceholderHead(agency)) return false;
  await deps.sends.suppress({ ...key, to: message.to, subject: oneLine(message.subject, 250) }, Date.now(), PLACEHOLDER_REASON);
  deps.log.warn('placeholder head not emailed', { agencyId: agency.id, step: key.step, kind: key.kind });
  return true;
}
