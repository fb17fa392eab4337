import { esc } from './escape.js';
import { vnTime } from './format.js';
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
  body: string;
  description?: string;
  /** A note shown above the content (e.g. that the data includes replayed history). */
  notice?: string;
}

/** The shared page shell: skip link, header with navigation, main, footer. No script. */
export function page(input: Pick<SiteInput, 'generatedAt' | 'probeLocation'>, p: PageSpec): string {
  const nav = NAV.map(
    (n) => `<li><a href="${p.root}${n.href}"${n.key === p.nav ? ' aria-current="page"' : ''}>${n.label}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} — Giám sát Cổng dịch vụ công</title>
<meta name="description" content="${esc(p.description ?? 'Giám sát tự động, hằng giờ, các Cổng dịch vụ công của bộ, ngành và địa phương.')}">
<link rel="stylesheet" href="${p.root}assets/site.css"></head>
<body><a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="top"><div class="wrap"><a class="brand" href="${p.root}index.html">dvcwatch <span>Giám sát Cổng dịch vụ công</span></a>
<nav aria-label="Điều hướng chính"><ul>${nav}</ul></nav></div></header>
<main id="main" class="wrap">${p.notice ?? ''}${p.body}</main>
<footer class="wrap"><p>Cập nhật lúc ${esc(vnTime(input.generatedAt))} (giờ Việt Nam). Đo từ ${esc(input.probeLocation)}. <a href="${p.root}methodology.html">Cách đo và chấm điểm</a> · <a href="${p.root}data/index.html">Dữ liệu mở</a></p></footer>
</body></html>
`;
}
