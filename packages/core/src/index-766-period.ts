import { vnDay } from './vi-format.js';

/** A period of the index: a year, a quarter or a month (half-years are sent as `p_6thang` but not offered here). */
export type Index766Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

/** `2025`, `2025-Q2`, `2025-06` → a period; null for anything else. */
export function parseIndex766Period(text: string): Index766Period | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'quarter', year, quarter: Number(m[2]) };
  if (m[3]) return { kind: 'month', year, month: Number(m[3]) };
  return { kind: 'year', year };
}

/** The period's text form (`2025-06`), the key it is stored and shown under. */
export function index766PeriodText(p: Index766Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.quarter}`;
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** The Vietnamese month an instant falls in, the importer's default period. */
export const index766MonthOf = (iso: string): Index766Period => {
  const day = vnDay(iso);
  return { kind: 'month', year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
};

/** How the site names a period: `tháng 6/2025`, `quý 2/2025`, `năm 2025`. */
export function index766PeriodLabel(text: string): string {
  const p = parseIndex766Period(text);
  if (!p) return text;
  if (p.kind === 'year') return `năm ${p.year}`;
  if (p.kind === 'quarter') return `quý ${p.quarter}/${p.year}`;
  return `tháng ${p.month}/${p.year}`;
}

/**
 * The `params` form field the portal's own overview page sends (every province, provinces' scores, all groups, one
 * page of 100): `{"type":"ref","service":"report_tinh_766_service","p_nam":"2025",…}`. Keys in the page's order.
 */
export function index766Params(p: Index766Period): string {
  return JSON.stringify({
    type: 'ref',
    service: 'report_tinh_766_service',
    p_nam: String(p.year),
    p_6thang: 0,
    p_quy: p.kind === 'quarter' ? p.quarter : 0,
    p_thang: p.kind === 'month' ? p.month : 0,
    p_tinh_id: 0,
    p_loaidonvi: 1,
    loaichitieu: 0,
    pageIndex: 1,
    pageSize: 100,
  });
}

/** The national portal's endpoint and the index page whose first GET gives the session cookie some clients send. */
export const INDEX766_ENDPOINT = 'https://dichvucong.gov.vn/jsp/rest.jsp';
export const INDEX766_PAGE_PATH = '/p/home/dvc-index-tinhthanhpho-tonghop.html';
