import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { SlowConfirmation } from './confirmation-policy.js';
import { DEFAULT_PROBE_TIMING } from './probe-budget.js';
import { both, describeIssue, keysAt, nearest } from './registry-messages.js';
import { type AgencyInput, RegistryInput, type RegistryInputT } from './registry-schema.js';
import { type AlertSettings, DEFAULT_ALERTS, DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import type { Vantage } from './vantage.js';
import { DEFAULT_OUTAGE, type OutageSettings } from './vantage-outage.js';

/** A registry could not be used; `issues` lists every problem, each naming file, line and path. */
export class RegistryError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
    options?: ErrorOptions,
  ) {
    super(
      `${file}: danh mục không hợp lệ, ${issues.length} lỗi (registry is invalid, ${issues.length} problem${issues.length === 1 ? '' : 's'}):\n  ${issues.join('\n  ')}`,
      options,
    );
    this.name = 'RegistryError';
  }
}

export interface ProbeConfig {
  pageTimeoutMs: number;
  confirmAttempts: number;
  confirmDelayMs: number;
  /** How a slow but answering page is confirmed (core/confirmation-policy.ts): `rounds` unless the registry says. */
  confirmSlow: SlowConfirmation;
  accessibility: boolean;
  checksEveryHours: number;
  labRunsPerDay: number;
}

/** An agency with every default resolved. */
export interface Agency extends Omit<AgencyInput, 'thresholds' | 'alerts'> {
  thresholds: Thresholds;
  alerts: AlertSettings;
}

/** A validated registry with defaults applied. */
export interface Registry {
  version: 1;
  operators: string[];
  siteUrl: string | null;
  nationalHosts: string[];
  /** Where probes look from (empty or one: no confirmation from elsewhere). */
  vantages: Vantage[];
  probe: ProbeConfig;
  /** When a round is the monitor's outage, not the agencies' (defaults.outage). */
  outage: OutageSettings;
  agencies: Agency[];
}

/** Largest registry accepted: the full list of Vietnam's agencies is under 100 kB. */
export const MAX_REGISTRY_BYTES = 2 * 1024 * 1024;

/**
 * `checksEveryHours: 6`: timings are measured every hour, the slower check catalogue (search, three-clicks walk,
 * login and dossier pages, axe) four times a day per agency, staggered, and within the hour whenever the home page's
 * functions change (see core/facts-refresh.ts). Provisional; the ministry itself evaluates once a year.
 */
export const DEFAULT_PROBE: ProbeConfig = {
  ...DEFAULT_PROBE_TIMING,
  confirmSlow: 'rounds',
  accessibility: true,
  checksEveryHours: 6,
  // Issue 15: "a few times a day"; peers tame Lighthouse's variance with 3–5 runs and the median (DOMAIN.md).
  labRunsPerDay: 3,
};

/** `agencies[12].head.email` from a zod/yaml path. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') ||
  '(top level)';

/**
 * Parses and validates registry text. Throws a RegistryError listing every problem (file, line, path, reason);
 * returns nothing half-valid.
 */
export function parseRegistry(text: string, file: string): Registry {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REGISTRY_BYTES) {
    throw new RegistryError(file, [
      `${file}: tệp quá lớn, ${(bytes / 1048576).toFixed(1)} MB, tối đa ${MAX_REGISTRY_BYTES / 1048576} MB (file is too large: ${(bytes / 1048576).toFixed(1)} MB)`,
    ]);
  }
  if (text.trim() === '')
    throw new RegistryError(file, [
      `${file}: tệp rỗng, cần "version: 1" và danh sách agencies (file is empty: expected "version: 1" and a list of agencies)`,
    ]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new RegistryError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return `${file}:${pos ? `${pos.line}:${pos.col}` : '?'}: YAML: sai cú pháp (syntax error): ${e.message.split('\n')[0]}`;
      }),
    );
  }
  if (doc.contents === null) {
    throw new RegistryError(file, [
      `${file}:1: tệp chỉ có chú thích, cần "version: 1" và danh sách agencies (file has no content (only comments))`,
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new RegistryError(file, [`${file}: YAML: ${(e as Error).message}`], { cause: e });
  }
  const lineOf = (path: readonly PropertyKey[]): string => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && (n === 0 || node.range || isMap(node) || isSeq(node)) && node.range) {
        return `${lineCounter.linePos(node.range[0]).line}`;
      }
    }
    return '?';
  };
  const parsed = RegistryInput.safeParse(data, { reportInput: true });
  const problems: string[] = [];
  const place = (path: readonly PropertyKey[]) => formatPlace(path, data);
  const report = (path: readonly PropertyKey[], message: string, at: readonly PropertyKey[] = path) =>
    problems.push(`${file}:${lineOf(at)}: ${place(path)}: ${message}`);
  const issues = parsed.success ? [] : parsed.error.issues;
  // A misspelt key that names a missing required one (`hom` for `home`) is one mistake: said once, with the hint.
  const hinted = new Set<string>();
  for (const issue of issues)
    if (issue.code === 'unrecognized_keys')
      for (const k of issue.keys) {
        const near = nearest(k, keysAt(RegistryInput, issue.path));
        if (near) hinted.add(JSON.stringify([...issue.path, near]));
      }
  for (const issue of issues) {
    if (issue.code === 'invalid_type' && issue.input === undefined && hinted.has(JSON.stringify(issue.path))) continue;
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, each on its own line of the file.
      for (const k of issue.keys)
        report(issue.path, describeIssue({ ...issue, keys: [k] }, keysAt(RegistryInput, issue.path)), [...issue.path, k]);
    } else report(issue.path, describeIssue(issue, []));
  }
  // Duplicates are looked for in the raw data too, so they are listed with the schema's problems, not after.
  // Unique keys: agency and vantage ids, and the index-766 unit an agency is joined to (two agencies on one unit
  // would share its score).
  const unique = [
    ['agencies', 'id'],
    ['agencies', 'index766Id'],
    ['vantages', 'id'],
  ] as const;
  for (const [list, key] of unique) {
    const items = (data as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(items)) continue;
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const raw = (item as Record<string, unknown> | null)?.[key];
      // A unit id may be written quoted or not (the schema keeps it as text).
      const value = typeof raw === 'number' ? String(raw) : raw;
      if (typeof value !== 'string') return;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, i);
      else
        report(
          [list, i, key],
          both(
            `trùng ${key} "${value}", đã dùng ở dòng ${lineOf([list, first, key])}`,
            `duplicate ${key} "${value}", first used on that line`,
          ),
        );
    });
    if (list === 'vantages' && key === 'id' && (items[0] as { egress?: unknown } | null)?.egress !== undefined)
      report(
        ['vantages', 0, 'egress'],
        both(
          'điểm đo đầu tiên là nơi chạy các vòng đo: không có egress',
          'the first vantage is where rounds run: it takes no egress',
        ),
      );
  }
  if (problems.length > 0 || !parsed.success) throw new RegistryError(file, problems);
  return resolve(parsed.data);
}

/** `agencies["tinh-a"].head.email`: the path with an agency (or vantage) named by its id where it has one. */
export function formatPlace(path: readonly PropertyKey[], data: unknown): string {
  const [list, index, ...rest] = path;
  if ((list === 'agencies' || list === 'vantages') && typeof index === 'number') {
    const id = ((data as Record<string, unknown[]> | null)?.[list]?.[index] as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.trim() !== '') {
      const tail = formatPath(rest);
      return `${list}[${JSON.stringify(id)}]${rest.length ? `${typeof rest[0] === 'number' ? '' : '.'}${tail}` : ''}`;
    }
  }
  return formatPath(path);
}

function resolve(input: RegistryInputT): Registry {
  const d = input.defaults;
  return {
    version: 1,
    operators: input.operators,
    siteUrl: input.siteUrl ?? null,
    nationalHosts: d.nationalHosts ?? ['dichvucong.gov.vn'],
    vantages: input.vantages ?? [],
    probe: { ...DEFAULT_PROBE, ...d.probe },
    outage: { ...DEFAULT_OUTAGE, ...d.outage },
    agencies: input.agencies.map((a) => ({
      ...a,
      thresholds: { ...DEFAULT_THRESHOLDS, ...d.thresholds, ...a.thresholds },
      alerts: { ...DEFAULT_ALERTS, ...d.alerts, ...a.alerts },
    })),
  };
}
