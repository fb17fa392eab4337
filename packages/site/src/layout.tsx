import { viDateTime } from '@dvcwatch/core';
import { renderDocument } from '@dvcwatch/present';
import type { ComponentChildren } from 'preact';
import type { SiteInput } from './types.js';

export type NavKey = 'index' | 'matrix' | 'methodology' | 'data' | 'editions' | null;

const NAV: { key: Exclude<NavKey, null>; href: string; label: string }[] = [
  { key: 'index', href: 'index.html', label: 'Tổng quan' },
  { key: 'matrix', href: 'matrix.html', label: 'Ma trận tiêu chí' },
  { key: 'methodology', href: 'methodology.html', label: 'Phương pháp' },
  { key: 'data', href: 'data/index.html', label: 'Dữ liệu mở' },
  { key: 'editions', href: 'editions/index.html', label: 'Ấn bản tháng' },
];

export interface PageSpec {
  title: string;
  /** Relative path from the page to the site root: `''` or `'../'`. */
  root: string;
  nav: NavKey;
  description?: string;
  /** A note shown above the content (e.g. that the data includes replayed history). */
  notice?: ComponentChildren;
}

/** The shared page shell: skip link, header with navigation, main, footer. No script. */
function Page(props: PageSpec & { input: Pick<SiteInput, 'generatedAt' | 'probeLocation'>; children: ComponentChildren }) {
  const { root } = props;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Giám sát Cổng dịch vụ công`}</title>
        <meta
          name="description"
          content={props.description ?? 'Giám sát tự động, hằng giờ, các Cổng dịch vụ công của bộ, ngành và địa phương.'}
        />
        <link rel="stylesheet" href={`${root}assets/site.css`} />
      </head>
      <body>
        <a class="skip" href="#main">
          Bỏ qua, đến nội dung chính
        </a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href={`${root}index.html`}>
              dvcwatch <span>Giám sát Cổng dịch vụ công</span>
            </a>
            <nav aria-label="Điều hướng chính">
              <ul>
                {NAV.map((n) => (
                  <li>
                    <a href={`${root}${n.href}`} aria-current={n.key === props.nav ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.notice}
          {props.children}
        </main>
        <footer class="wrap">
          <p>
            Cập nhật lúc {viDateTime(props.input.generatedAt)} (giờ Việt Nam). Đo từ {props.input.probeLocation}.{' '}
            <a href={`${root}methodology.html`}>Cách đo và chấm điểm</a> · <a href={`${root}data/index.html`}>Dữ liệu mở</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A whole page as text: the shell around `body`, rendered (and escaped) by the one renderer. */
export function page(input: Pick<SiteInput, 'generatedAt' | 'probeLocation'>, p: PageSpec, body: ComponentChildren): string {
  return renderDocument(
    <Page {...p} input={input}>
      {body}
    </Page>,
  );
}
