import type { ComponentChildren } from 'preact';

export const MUTED = '#555';

/** The document every email shares: Vietnamese, phone-readable, inline styles only (mail clients drop stylesheets). */
export function EmailShell(props: { title: string; children: ComponentChildren }) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px">
        <h1 style="font-size:20px;margin:0 0 12px">{props.title.replace(/^\[dvcwatch\] /, '')}</h1>
        {props.children}
      </body>
    </html>
  );
}

/** Plain-text lines as HTML: paragraphs, and each run of `- ` lines as one list. */
export function TextBlocks(props: { lines: string[] }) {
  const blocks: ({ kind: 'p'; text: string } | { kind: 'ul'; items: string[] })[] = [];
  for (const l of props.lines) {
    if (l === '') continue;
    const last = blocks.at(-1);
    if (l.startsWith('- ')) {
      if (last?.kind === 'ul') last.items.push(l.slice(2));
      else blocks.push({ kind: 'ul', items: [l.slice(2)] });
    } else blocks.push({ kind: 'p', text: l });
  }
  return (
    <>
      {blocks.map((b) =>
        b.kind === 'p' ? (
          <p style="margin:4px 0">{b.text}</p>
        ) : (
          <ul>
            {b.items.map((i) => (
              <li>{i}</li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}
