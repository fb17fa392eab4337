import { type EmailMessage, oneLine } from '@dvcwatch/core';
import { renderDocument } from '../render.js';
import { EmailShell, TextBlocks } from './email-shell.js';

/**
 * A plain Vietnamese email (the operators' emails: round errors, SES refusals, outages, the watchdog) on the same
 * shell as the heads' emails: one paragraph a line, `- ` lines as a list, every string escaped by the renderer.
 */
export function plainEmail(to: string[], subject: string, lines: string[]): EmailMessage {
  const title = oneLine(subject);
  return {
    to,
    cc: [],
    subject: title,
    text: lines.join('\n'),
    html: renderDocument(
      <EmailShell title={title}>
        <TextBlocks lines={lines} />
      </EmailShell>,
    ),
  };
}
