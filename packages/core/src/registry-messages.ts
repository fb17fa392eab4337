import type { z } from 'zod';
import { CHECK_IDS } from './checks/catalogue.js';

/**
 * The registry's problems in words a person acts on: Vietnamese first, the schema's English in brackets, key
 * names always in English (they are what the file says), and a "did you mean" for a misspelt key or check id.
 */

/** Edit distance (Levenshtein) between two short strings. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The candidate nearest to `word` (at most two edits, or a case-only difference), or null. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: { c: string; d: number } | null = null;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d <= 2 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c ?? null;
}

// The schema's own messages (registry-schema.ts), in Vietnamese.
const SCHEMA_VI: Record<string, string> = {
  'must be an http(s) URL': 'phải là một địa chỉ http(s)',
  'invalid email': 'địa chỉ email không hợp lệ',
  'must be lower-case letters, digits and hyphens': 'chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang',
  'must be HH:MM (24 h)': 'phải có dạng HH:MM (24 giờ)',
  'at least one agency is required': 'cần ít nhất một cơ quan',
  'list at least the first vantage, or leave vantages out': 'cần ít nhất điểm đo đầu tiên, hoặc bỏ hẳn vantages',
  'must be a loopback address (127.0.0.0/8 or ::1): egress is for local runs only':
    'phải là địa chỉ loopback (127.0.0.0/8 hoặc ::1): egress chỉ dùng khi chạy cục bộ',
};

const TYPE_VI: Record<string, string> = {
  number: 'một số',
  string: 'một chuỗi',
  boolean: 'true hoặc false',
  object: 'một bảng khóa (object)',
  array: 'một danh sách',
};

/** `vi (en)`: the Vietnamese text with the English one after it. */
export const both = (vi: string, en: string): string => `${vi} (${en})`;

/** The allowed keys of the schema at `path` (objects, through optional/default/array/union/pipe), or []. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  type Def = {
    type: string;
    shape?: Record<string, z.ZodType>;
    innerType?: z.ZodType;
    element?: z.ZodType;
    options?: z.ZodType[];
    in?: z.ZodType;
    valueType?: z.ZodType;
  };
  const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
  const step = (s: z.ZodType, rest: readonly PropertyKey[]): string[] => {
    const def = defOf(s);
    if (def.innerType) return step(def.innerType, rest);
    if (def.type === 'pipe' && def.in) return step(def.in, rest);
    if (def.type === 'union') return [...new Set((def.options ?? []).flatMap((o) => step(o, rest)))];
    if (rest.length === 0) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    const [head, ...tail] = rest;
    if (def.type === 'array' && def.element && typeof head === 'number') return step(def.element, tail);
    if (def.type === 'object' && typeof head === 'string' && def.shape?.[head]) return step(def.shape[head], tail);
    if (def.type === 'record' && def.valueType) return step(def.valueType, tail);
    return [];
  };
  return step(schema, path);
}

/** One schema issue in words (without its place): Vietnamese, then the English. */
export function describeIssue(issue: z.core.$ZodIssue, allowedKeys: readonly string[]): string {
  if (issue.code === 'unrecognized_keys' && issue.path.at(-1) === 'checks')
    return issue.keys.map((k) => both(`mã tiêu chí không có`, `unknown check id "${k}"`) + suggestCheck(k)).join('; ');
  if (issue.code === 'unrecognized_keys')
    return issue.keys
      .map((k) => {
        const near = nearest(k, allowedKeys);
        return `${both('khóa không có', `unknown key: ${k}`)}${near ? ` — có phải "${near}"? (did you mean "${near}"?)` : allowedKeys.length ? ` — các khóa được dùng: ${allowedKeys.join(', ')}` : ''}`;
      })
      .join('; ');
  if (issue.code === 'invalid_type') {
    const missing = issue.input === undefined;
    return both(
      `cần ${TYPE_VI[issue.expected] ?? issue.expected}${missing ? ', đang thiếu' : ''}`,
      `expected ${issue.expected}${missing ? ' (missing)' : ''}`,
    );
  }
  if (issue.code === 'invalid_value')
    return both(`phải là ${issue.values.map((v) => JSON.stringify(v)).join(' hoặc ')}`, issue.message);
  if (issue.code === 'too_small' && SCHEMA_VI[issue.message] === undefined)
    return both(
      issue.origin === 'string'
        ? 'không được để trống'
        : issue.origin === 'array'
          ? `cần ít nhất ${issue.minimum} phần tử`
          : `phải ≥ ${issue.minimum}`,
      issue.message,
    );
  if (issue.code === 'too_big')
    return both(issue.origin === 'array' ? `nhiều nhất ${issue.maximum} phần tử` : `phải ≤ ${issue.maximum}`, issue.message);
  if (issue.code === 'invalid_union') return both('không khớp dạng nào được phép', issue.message);
  const vi = SCHEMA_VI[issue.message];
  if (vi) return both(vi, issue.message);
  const unused = /^check "([^"]+)" does not use an? (url|selector)/.exec(issue.message);
  return unused ? both(`tiêu chí "${unused[1]}" không dùng ${unused[2]}`, issue.message) : issue.message;
}

/** ` — có phải "search"? (did you mean "search"?)` for a check id one or two edits away, else the list of ids. */
export function suggestCheck(id: string): string {
  const near = nearest(id, CHECK_IDS);
  return near ? ` — có phải "${near}"? (did you mean "${near}"?)` : ` — các mã tiêu chí (check ids): ${CHECK_IDS.join(', ')}`;
}
