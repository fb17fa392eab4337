import type { EmailMessage } from '@dvcwatch/core';
import { oneLine } from '@dvcwatch/core';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** Builds the raw MIME message (multipart text + HTML, UTF-8) that SES sends and the local outbox keeps. */
export async function buildMime(from: string, m: EmailMessage, headers: Record<string, string> = {}): Promise<Buffer> {
  const composer = new MailComposer({
    from,
    to: m.to,
    cc: m.cc,
    // Header injection: the subject never carries a line break, whatever a portal or registry supplied.
    subject: oneLine(m.subject, 250),
    text: m.text,
    html: m.html,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, oneLine(v, 250)])),
  });
  return composer.compile().build();
}
