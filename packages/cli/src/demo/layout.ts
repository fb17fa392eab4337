import { escapeHtml } from '@dvcwatch/core';
import type { Feature, PortalFlags } from './portals.js';

/** HTML-escapes text put into the demo pages (core's one escaper). */
export const esc: (s: string) => string = escapeHtml;

/** The portal's wording: Vietnamese, or without diacritics for the variant that drops them. */
export const wording =
  (f: PortalFlags) =>
  (s: string): string =>
    f.noDiacritics ? s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : s;

export const has = (f: PortalFlags, feature: Feature): boolean => !f.missing?.includes(feature);

const CSS = `
html { font-size: 16px; }
body { font-family: Arial, sans-serif; margin: 0; font-size: 1rem; color: #1a1a1a; background: #ffffff; }
header, footer { background: #003d7a; color: #ffffff; padding: 0.5rem 1rem; }
header a, footer a { color: #ffffff; }
nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: 0.5rem 0; }
main { padding: 1rem; max-width: 60rem; }
main a { color: #0b4f9c; }
.a11y button { font-size: 0.9rem; }
body.hc { background: #000000; color: #ffff00; }
body.hc main a { color: #ffff00; }
.low { color: #c8c8c8; }
img { max-width: 100%; }
`;

/** The page shell: head (meta viewport unless the wide layout), header with login, search and a11y bar, footer. */
export function shell(f: PortalFlags, title: string, body: string, opts: { script?: string } = {}): string {
  const t = wording(f);
  const viewport = f.wideLayout ? '' : '<meta name="viewport" content="width=device-width, initial-scale=1">';
  const wide = f.wideLayout ? ' style="width:1200px"' : '';
  const fontBtn =
    f.fontSize === 'missing'
      ? ''
      : `<button type="button" id="a-minus" title="${t('Giảm cỡ chữ')}">A-</button>
         <button type="button" id="a-reset" title="${t('Cỡ chữ mặc định')}">A</button>
         <button type="button" id="a-plus" title="${t('Tăng cỡ chữ')}">A+</button>`;
  const contrastBtn = f.contrast === 'missing' ? '' : `<button type="button" id="contrast">${t('Tăng tương phản')}</button>`;
  const fontJs =
    f.fontSize === 'broken'
      ? `document.getElementById('a-plus').addEventListener('click', function () { /* khong lam gi */ });`
      : `var size = 16; var setSize = function (d) { size = d === 0 ? 16 : size + d; document.documentElement.style.fontSize = size + 'px'; };
         document.getElementById('a-plus').addEventListener('click', function () { setSize(2); });
         document.getElementById('a-minus').addEventListener('click', function () { setSize(-2); });
         document.getElementById('a-reset').addEventListener('click', function () { setSize(0); });`;
  const contrastJs =
    f.contrast === 'broken'
      ? `document.getElementById('contrast').addEventListener('click', function () {});`
      : `document.getElementById('contrast').addEventListener('click', function () { document.body.classList.toggle('hc'); });`;
  const search = has(f, 'search')
    ? `<form action="/tim-kiem" method="get" role="search">
         <input type="search" name="keyword" ${f.inaccessible ? '' : `aria-label="${t('Tìm kiếm thủ tục')}"`} placeholder="${t('Nhập từ khoá tìm kiếm')}">
         <button type="submit">${t('Tìm kiếm')}</button></form>`
    : '';
  const login = has(f, 'login') ? `<a href="/dang-nhap">${t('Đăng nhập')}</a>` : '';
  const logo = f.inaccessible
    ? '<img src="/logo.svg" width="40" height="40">'
    : `<img src="/logo.svg" width="40" height="40" alt="${t('Biểu trưng')}">`;
  const footer = [
    esc(f.name),
    has(f, 'contact') ? t('Địa chỉ: 12 Phố Tràng Tiền, Hoàn Kiếm, Hà Nội') : '',
    has(f, 'contact') ? t('Điện thoại: 024 3823 1234 · Email: vanphong@example.vn') : '',
    has(f, 'privacy') ? `<a href="/chinh-sach-bao-mat">${t('Chính sách bảo vệ dữ liệu cá nhân')}</a>` : '',
    has(f, 'english') ? '<a href="/en" lang="en">English</a>' : '',
  ]
    .filter(Boolean)
    .map((s) => `<p>${s}</p>`)
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">${viewport}<title>${esc(t(title))}</title><style>${CSS}</style></head>
<body${wide}>
<header><a href="/">${logo}</a> <span>${esc(f.name)}</span> ${login}
  <div class="a11y" role="toolbar" aria-label="${t('Hỗ trợ tiếp cận')}">${fontBtn} ${contrastBtn}</div>
  ${search}
</header>
<div id="app">${body}</div>
<footer>${footer}</footer>
<script>${f.fontSize === 'missing' ? '' : fontJs}${f.contrast === 'missing' ? '' : contrastJs}${opts.script ?? ''}</script>
</body></html>`;
}
