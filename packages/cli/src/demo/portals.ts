/**
 * Demo portals described as feature flags, so their quality differs the way real portals' does
 * (shared/DOMAIN.md). The demo (`npm start`) and the integration tests serve the same descriptions.
 */

/** Features a portal may lack; each removes one function from its pages. */
export const FEATURES = [
  'login',
  'vneid',
  'search',
  'dossier-lookup',
  'payment',
  'feedback',
  'satisfaction',
  'help',
  'index-766',
  'english',
  'contact',
  'privacy',
  'submit',
  'procedure-info',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface PortalFlags {
  /** Agency id and URL-safe name. */
  id: string;
  name: string;
  kind: 'national' | 'ministry' | 'province';
  /** Server-side delay of the home page (TTFB, so LCP too). */
  homeDelayMs?: number;
  /** Client-side delay before the form page's fields appear. */
  formDelayMs?: number;
  /** How every page fails: a 503 answer or a reset connection. */
  failure?: 'http-503' | 'reset';
  /**
   * Source addresses whose connections are cut without an answer, as a portal that refuses foreign traffic does:
   * the demo's first vantage (127.0.0.1) is refused, its second (egress 127.0.0.2) is served.
   */
  refusesSources?: string[];
  /** Every page redirects to the national portal's home (provincial portals since 1 July 2025). */
  redirectToNational?: boolean;
  /** The home page is rendered by a script after this many ms (Angular single-page apps). */
  spaDelayMs?: number;
  /** Labels written without diacritics ("Tra cuu ho so"). */
  noDiacritics?: boolean;
  /** The "A+" control enlarges text, does nothing, or is absent. */
  fontSize?: 'works' | 'broken' | 'missing';
  contrast?: 'works' | 'broken' | 'missing';
  /** The search finds procedures, finds nothing, or is absent (`missing: ['search']`). */
  search?: 'works' | 'empty';
  missing?: Feature[];
  /** Images without alt text, unlabeled inputs, low-contrast text. */
  inaccessible?: boolean;
  /** No meta viewport and a fixed 1200 px layout. */
  wideLayout?: boolean;
  /** Send HSTS (on https), nosniff and frame protection. */
  securityHeaders?: boolean;
  /** The form page: fields, or a VNeID login wall. */
  formKind?: 'fields' | 'vneid';
  /** On https: the home page loads an image over plain http. */
  mixedContent?: boolean;
  /** On https: plain http on the same port is redirected to https (else served as is). */
  httpsRedirect?: boolean;
}

/**
 * The demo's portals: one good, slow home, slow form, failing, consolidated, one that only the second vantage
 * reaches (`blocked`/`geo`), and the national portal.
 */
export const DEMO_PORTALS: PortalFlags[] = [
  { id: 'quoc-gia', name: 'Cổng Dịch vụ công quốc gia (mô phỏng)', kind: 'national', securityHeaders: true, formKind: 'vneid' },
  { id: 'tot', name: 'Tỉnh Tốt (mô phỏng)', kind: 'province', securityHeaders: true },
  { id: 'cham-trang-chu', name: 'Tỉnh Chậm Trang Chủ (mô phỏng)', kind: 'province', homeDelayMs: 5_000, fontSize: 'broken' },
  {
    id: 'cham-bieu-mau',
    name: 'Bộ Chậm Biểu Mẫu (mô phỏng)',
    kind: 'ministry',
    formDelayMs: 5_000,
    spaDelayMs: 300,
    missing: ['english', 'privacy', 'index-766'],
    contrast: 'missing',
  },
  { id: 'loi', name: 'Tỉnh Lỗi (mô phỏng)', kind: 'province', failure: 'http-503' },
  { id: 'hop-nhat', name: 'Tỉnh Hợp Nhất (mô phỏng)', kind: 'province', redirectToNational: true },
  { id: 'chan-nuoc-ngoai', name: 'Tỉnh Chặn Nước Ngoài (mô phỏng)', kind: 'province', refusesSources: ['127.0.0.1'] },
];

/** The procedure every demo portal publishes (birth registration; its code on the national portal). */
export const PROCEDURE = { code: '1.001193', name: 'Đăng ký khai sinh' } as const;
