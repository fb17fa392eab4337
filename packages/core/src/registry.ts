import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CHECK_IDS } from './checks/catalogue.js';
import type { SlowConfirmation } from './confirmation-policy.js';
import { DEFAULT_PROBE_TIMING } from './probe-budget.js';
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
      `${file}: registry is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n  ${issues.join('\n  ')}`,
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
      `${file}: file is too large: ${(bytes / 1048576).toFixed(1)} MB (at most ${MAX_REGISTRY_BYTES / 1048576} MB)`,
    ]);
  }
  if (text.trim() === '') throw new RegistryError(file, [`${file}: file is empty: expected "version: 1" and a list of agencies`]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new RegistryError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return `${file}:${pos ? `${pos.line}:${pos.col}` : '?'}: YAML: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  if (doc.contents === null) {
    throw new RegistryError(file, [
      `${file}:1: file has no content (only comments): expected "version: 1" and a list of agencies`,
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
  const report = (path: readonly PropertyKey[], message: string, at: readonly PropertyKey[] = path) =>
    problems.push(`${file}:${lineOf(at)}: ${formatPath(path)}: ${message}`);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      report(
        issue.path,
        describe(issue),
        issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path,
      );
  } else {
    const seen = new Map<string, number>();
    parsed.data.agencies.forEach((a, i) => {
      const first = seen.get(a.id);
      if (first !== undefined) report(['agencies', i, 'id'], `duplicate id "${a.id}" (first used at agencies[${first}])`);
      else seen.set(a.id, i);
    });
    const vantageIds = new Map<string, number>();
    parsed.data.vantages?.forEach((v, i) => {
      if (i === 0 && v.egress !== undefined)
        report(['vantages', 0, 'egress'], 'the first vantage is where rounds run: it takes no egress');
      const first = vantageIds.get(v.id);
      if (first !== undefined) report(['vantages', i, 'id'], `duplicate id "${v.id}" (first used at vantages[${first}])`);
      else vantageIds.set(v.id, i);
    });
  }
  if (problems.length > 0 || !parsed.success) throw new RegistryError(file, problems);
  return resolve(parsed.data);
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.path.at(-1) === 'checks')
    return issue.keys.map((k) => `unknown check id "${k}"${suggestCheck(k)}`).join('; ');
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${issue.input === undefined ? ' (missing)' : ''}`;
  return issue.message;
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

/** `(did you mean "search"?)` for a check id one or two edits away from a catalogue id, else the list of ids. */
function suggestCheck(id: string): string {
  const distance = (a: string, b: string): number => {
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
  };
  const near = CHECK_IDS.find((c) => distance(id, c) <= 2);
  return near ? ` (did you mean "${near}"?)` : ` (check ids: ${CHECK_IDS.join(', ')})`;
}
