import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseRegistry, RegistryError } from '../../packages/core/src/registry.js';

// Any input gives a registry or a RegistryError whose every issue names the file; never another exception.
const FILE = 'fuzz/registry-under-test.yaml';
const RUNS = { numRuns: 300 };

/** Throws (failing the property) unless `text` parses or is rejected the documented way. */
function parsesOrRejectsCleanly(text: string): void {
  let result: unknown;
  try {
    result = parseRegistry(text, FILE);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw new Error(`not a RegistryError: ${String(e)}`, { cause: e });
    expect(e.issues.length).toBeGreaterThan(0);
    for (const issue of e.issues) expect(issue).toContain(FILE);
    return;
  }
  expect(result).toHaveProperty('agencies');
}

const yamlToken = fc.constantFrom(
  'version',
  'agencies',
  'defaults',
  'thresholds',
  'portal',
  'home',
  'head',
  'email',
  'id',
  'kind',
  ':',
  ': ',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n    ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '<<: ',
  '? ',
  '|',
  '>',
  '\t',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '1',
  '2',
  '-1',
  '1e400',
  '.nan',
  '~',
  'null',
  'true',
  'https://a.example.vn/',
  'ftp://x',
  'lanhdao@example.vn',
  'province',
  'city',
  'Hà Nội',
  '\u0000',
  '\uFEFF',
);
const yamlIsh = fc.oneof(
  fc.array(yamlToken, { maxLength: 60 }).map((t) => t.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const validRegistry = () => ({
  version: 1,
  defaults: { thresholds: { homeLcpMs: 4000 }, alerts: { confirmRounds: 2 }, probe: { pageTimeoutMs: 20000 } },
  operators: ['operators@example.vn'],
  agencies: [
    {
      id: 'tinh-a',
      name: 'UBND tỉnh A',
      kind: 'province',
      subkind: 'tinh',
      head: { name: 'Chủ tịch UBND tỉnh A', email: 'lanhdao+tinh-a@example.vn' },
      cc: ['vanthu@example.vn'],
      portal: { home: 'https://a.example.vn/', form: 'https://a.example.vn/thu-tuc' },
      source: 'test',
      placeholderContact: true,
      maintenance: [{ weekly: [0, 6], start: '01:00', end: '03:00' }],
    },
    {
      id: 'bo-b',
      name: 'Bộ B',
      kind: 'ministry',
      head: { name: 'Bộ trưởng Bộ B', email: 'lanhdao+bo-b@example.vn' },
      portal: { home: 'https://b.example.vn/' },
    },
  ],
});

type Json = Record<string, unknown> | unknown[];
const PATHS_TO_STRINGS = [
  ['agencies', 0, 'portal', 'home'],
  ['agencies', 0, 'portal', 'form'],
  ['agencies', 1, 'portal', 'home'],
  ['agencies', 0, 'head', 'email'],
  ['agencies', 0, 'cc', 0],
  ['operators', 0],
] as const;

/** Every path to a node of `value`, container paths included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

/** Applies `change` to the node at `path` of a fresh valid registry (delete it, or replace it). */
function mutate(path: readonly (string | number)[], change: { delete: true } | { set: unknown }): unknown {
  const root: Json = validRegistry();
  if (path.length === 0) return 'delete' in change ? null : change.set;
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path.at(-1) as string | number;
  const parent = node as Record<string | number, unknown>;
  if ('delete' in change) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = change.set;
  return root;
}

const allPaths = pathsOf(validRegistry());
const weird = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string(),
  fc.constantFrom('', ' ', 'ftp://x', 'not a url', 'http://', 'javascript:alert(1)', 'a@', '@b', 'a@b', '0', 'x'.repeat(5000)),
  fc.webUrl(),
  fc.emailAddress(),
);
/** `yaml` cannot serialise every JS value (e.g. some symbols); those inputs are not registries anyone can write. */
const toYaml = (value: unknown): string | null => {
  try {
    return stringify(value) ?? '';
  } catch {
    return null;
  }
};

describe('parseRegistry never crashes', () => {
  it('on random YAML-ish text', () => {
    fc.assert(fc.property(yamlIsh, parsesOrRejectsCleanly), RUNS);
  });

  it('on random JSON-like values serialised as YAML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 })), (value) => {
        const text = toYaml(value);
        if (text !== null) parsesOrRejectsCleanly(text);
      }),
      RUNS,
    );
  });

  it('on a valid registry with a key deleted or a value replaced by anything', () => {
    const change = fc.oneof(
      fc.constant({ delete: true as const }),
      weird.map((set) => ({ set })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), change, (path, c) => {
        const text = toYaml(mutate(path, c));
        if (text !== null) parsesOrRejectsCleanly(text);
      }),
      RUNS,
    );
  });

  it('on random strings in URL and email fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS_TO_STRINGS), fc.oneof(fc.string({ unit: 'binary' }), weird), (path, s) => {
        const text = toYaml(mutate(path, { set: s }));
        if (text !== null) parsesOrRejectsCleanly(text);
      }),
      RUNS,
    );
  });

  it('accepts the unmutated base (so the mutation properties start from a valid registry)', () => {
    const text = stringify(validRegistry());

    const registry = parseRegistry(text, FILE);

    expect(registry.agencies).toHaveLength(2);
  });
});
