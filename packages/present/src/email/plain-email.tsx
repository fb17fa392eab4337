import { type EmailMessage, oneLine } from '@dvcwatch/core';
import { renderDocument } from '../render.js';
import { EmailShell, TextBlocks } from './email-shell.js';

/**
 * An email of text lines on the shell every email shares (the weekly digest, the monthly summary, the operators'
 * emails): one paragraph a line, `- ` lines as a list, every string escaped by the renderer.
 */
export function plainEmail(to: string[], subject: string, lines: string[], cc: string[] = []): EmailMessage {
  const title = oneLine(subject);
  return {
    to,
    cc,
    subject: title,
    text: lines.join('\n'),
    html: renderDocument(
      <EmailShell title={title}>
        <TextBlocks lines={lines} />
      </EmailShell>,
    ),
  };
}
