import { buildMime } from '@dvcwatch/notify';
import { describe, expect, it } from 'vitest';

describe('MIME message', () => {
  it('keeps a subject carrying CRLF and a Bcc header on one line: no header injection', async () => {
    const raw = (
      await buildMime('dvcwatch@example.vn', {
        to: ['head@example.vn'],
        cc: [],
        subject: 'Cổng\r\nBcc: victim@example.invalid\r\nX-Evil: 1',
        text: 'Xin chào',
        html: '<p>Xin chào</p>',
      })
    ).toString('utf8');
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toMatch(/^X-Evil:/im);
    expect(headers).toMatch(/^To: head@example\.vn$/m);
    // Both parts, UTF-8, so the Vietnamese survives every mail client.
    expect(raw).toContain('multipart/alternative');
    expect(raw).toMatch(/charset=utf-8/i);
  });
});
