import { z } from 'zod';

/**
 * The Government Office's index of service to citizens and businesses (QĐ 766/QĐ-TTg, 23 June 2022), as the national
 * portal's index pages load it (`POST /jsp/rest.jsp`, service `report_tinh_766_service`). The endpoint is undocumented:
 * what is written here comes from public clients of it, and every answer is checked against this shape.
 */

/** A number the portal may send as a JSON number or as a numeric string (`"87.35"`, `"87,35"`). */
const score = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, 'expected a number or a numeric string')
    .transform((s) => Number(s.replace(',', '.'))),
]);
const maybeScore = z.union([score, z.null()]);

/** One row of the answer; other fields the portal adds are ignored (not kept in the parsed row; the raw answer keeps them). */
export const Index766Row = z.object({
  ID: z.union([z.number().int(), z.string().trim().regex(/^\d+$/, 'expected a numeric id')]).transform(String),
  TEN: z.string().trim().min(1),
  CKMB: maybeScore,
  TDGQ: maybeScore,
  CLGQ: maybeScore,
  TTTT: maybeScore,
  MDHL: maybeScore,
  MDSH: maybeScore,
  TONG_SCORE: score,
  ROW_STT: z.union([score, z.null()]).optional(),
});
export const Index766Answer = z.array(Index766Row);
export type Index766RawRow = z.infer<typeof Index766Row>;

export const INDEX766_GROUPS = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDHL', 'MDSH'] as const;
export type Index766Group = (typeof INDEX766_GROUPS)[number];

/**
 * The groups, as the site names them, with their maxima where a public source states them. QĐ 766 gives 18 points to
 * publicity, 20 to processing on time and 18 to satisfaction (the decision's text, reported by baocaotaichinh.vn and
 * vietjack.me). The split of the remaining points between CLGQ, TTTT and MDSH was not verified, and public clients
 * disagree on which of CLGQ/TTTT is online service and which online payment: those are shown by their field names,
 * values only, until the portal's own page can be checked.
 */
export const INDEX766_GROUP_INFO: Record<Index766Group, { label: string; max: number | null }> = {
  CKMB: { label: 'Công khai, minh bạch', max: 18 },
  TDGQ: { label: 'Tiến độ, kết quả giải quyết', max: 20 },
  CLGQ: { label: 'Nhóm CLGQ (dịch vụ trực tuyến hoặc thanh toán trực tuyến, chưa xác minh)', max: null },
  TTTT: { label: 'Nhóm TTTT (dịch vụ trực tuyến hoặc thanh toán trực tuyến, chưa xác minh)', max: null },
  MDHL: { label: 'Mức độ hài lòng', max: 18 },
  MDSH: { label: 'Mức độ số hóa hồ sơ', max: null },
};

/** One unit's scores, as dvcwatch keeps them. */
export interface Index766Score {
  /** The portal's own unit id (not the official province code). */
  unitId: string;
  name: string;
  total: number;
  rank: number | null;
  groups: Record<Index766Group, number | null>;
}

/** Parses the portal's answer (already JSON); throws a ZodError naming the row and field. */
export function parseIndex766Answer(json: unknown): Index766Score[] {
  return Index766Answer.parse(json).map((r) => ({
    unitId: r.ID,
    name: r.TEN,
    total: r.TONG_SCORE,
    rank: r.ROW_STT ?? null,
    groups: { CKMB: r.CKMB, TDGQ: r.TDGQ, CLGQ: r.CLGQ, TTTT: r.TTTT, MDHL: r.MDHL, MDSH: r.MDSH },
  }));
}

/** Which agencies the rows are, by the registry's `index766Id`; rows no agency names are kept apart, never guessed. */
export function joinIndex766(
  agencies: readonly { id: string; index766Id?: string | undefined }[],
  rows: readonly Index766Score[],
): { matched: Record<string, string>; unmatched: string[] } {
  const byUnit = new Map(agencies.flatMap((a) => (a.index766Id ? [[a.index766Id, a.id] as const] : [])));
  const matched: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const r of rows) {
    const agencyId = byUnit.get(r.unitId);
    if (agencyId) matched[agencyId] = r.unitId;
    else unmatched.push(r.unitId);
  }
  return { matched, unmatched };
}

/** One import as stored: what was asked, when, what came back (its hash) and the rows parsed from it. */
export interface Index766Import {
  /** `YYYY`, `YYYY-MM` or `YYYY-Qn`. */
  period: string;
  endpoint: string;
  /** The form field's JSON, exactly as sent. */
  params: string;
  fetchedAt: string;
  /** SHA-256 of the raw answer's bytes, hex. */
  sha256: string;
  rows: Index766Score[];
  /** Agency id → unit id, for the agencies the registry maps; the other rows' unit ids in `unmatched`. */
  matched: Record<string, string>;
  unmatched: string[];
}
