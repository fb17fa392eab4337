import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRegistry, RegistryError } from '../../packages/core/src/registry.js';

const fixture = (name: string): { text: string; file: string } => ({
  text: readFileSync(fileURLToPath(new URL(`../fixtures/registries/${name}`, import.meta.url)), 'utf8'),
  file: `test/fixtures/registries/${name}`,
});

/** Parses text that must be rejected; returns the single RegistryError, failing on anything else. */
function rejection(text: string, file: string): RegistryError {
  let thrown: unknown;
  try {
    parseRegistry(text, file);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'parseRegistry should have thrown').toBeInstanceOf(RegistryError);
  const error = thrown as RegistryError;
  expect(error.file).toBe(file);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) expect(issue.startsWith(`${file}:`), `issue names the file: ${issue}`).toBe(true);
  expect(error.message).toContain(file);
  return error;
}

/** The line number an issue reports (`file:LINE:` or `file:LINE:COL:`), or null. */
const lineOf = (issue: string, file: string): number | null => {
  const m = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):`).exec(issue);
  return m?.[1] ? Number(m[1]) : null;
};

describe('parseRegistry on bad input', () => {
  it('accepts the valid base fixture (so the fixtures below fail for their one mistake)', () => {
    const { text, file } = fixture('valid.yaml');

    const registry = parseRegistry(text, file);

    expect(registry.agencies.map((a) => a.id)).toEqual(['tinh-a', 'bo-b']);
  });

  it('reports a YAML syntax error with line and column', () => {
    // Inline rather than a fixture file: Biome parses YAML files in the repository and would reject it.
    const text = 'version: 1\nagencies:\n  - id: tinh-a\n    name: [UBND tỉnh A\n    kind: province\n';
    const file = 'registry/syntax-error.yaml';

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^registry\/syntax-error\.yaml:5:5: YAML: Flow sequence/);
  });

  it('reports kind: city on its line', () => {
    const { text, file } = fixture('kind-city.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toContain('agencies[0].kind');
    expect(lineOf(error.issues[0] ?? '', file)).toBe(5);
  });

  it('reports version: 2 on its line', () => {
    const { text, file } = fixture('version-2.yaml');

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:2: version: Invalid input: expected 1`]);
  });

  it('reports thresholds given as strings as wrong types, not as missing', () => {
    const { text, file } = fixture('thresholds-strings.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]).toMatch(new RegExp(`^${file}:4: defaults\\.thresholds\\.homeLcpMs: expected number`));
    expect(error.issues[1]).toMatch(new RegExp(`^${file}:5: defaults\\.thresholds\\.homeFcpMs: expected number`));
    for (const issue of error.issues) expect(issue).not.toContain('missing');
  });

  it('reports a duplicate id at the second use and names the first', () => {
    const { text, file } = fixture('duplicate-ids.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toContain('agencies[2].id');
    expect(error.issues[0]).toContain('agencies[0]');
    expect(error.issues[0]).toContain('"tinh-a"');
    expect(lineOf(error.issues[0] ?? '', file)).toBe(15);
  });

  it('reports a duplicate YAML key with its line', () => {
    const { text, file } = fixture('duplicate-keys.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/unique/);
    expect(lineOf(error.issues[0] ?? '', file)).toBe(9);
  });

  it.each([
    ['url-ftp.yaml', 'agencies[0].portal.home', 8],
    ['url-not-a-url.yaml', 'agencies[0].portal.form', 9],
  ])('reports the bad URL in %s', (name, path, line) => {
    const { text, file } = fixture(name);

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:${line}: ${path}: must be an http(s) URL`]);
  });

  it('reports a bad email with its path and line', () => {
    const { text, file } = fixture('bad-email.yaml');

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:8: agencies[0].head.email: invalid email`]);
  });

  it('reports a misspelt key (portal.hom) as unknown, on the line of the key', () => {
    const { text, file } = fixture('unknown-key.yaml');

    const error = rejection(text, file);

    const unknown = error.issues.filter((i) => i.includes('unknown key'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toContain('agencies[0].portal');
    expect(unknown[0]).toContain('hom');
    expect(lineOf(unknown[0] ?? '', file)).toBe(9);
    // The misspelling also leaves the required `home` missing: reported, but as the only other issue.
    expect(error.issues.filter((i) => !i.includes('unknown key'))).toEqual([
      expect.stringMatching(/agencies\[0\]\.portal\.home: expected string \(missing\)$/),
    ]);
  });

  it('reports an unknown key at the end of an agency on its own line, not the agency’s first line', () => {
    const { text, file } = fixture('unknown-key-deep.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toContain('unknown key: colour');
    expect(lineOf(error.issues[0] ?? '', file)).toBe(9);
  });

  it.each([
    ['empty.yaml', ''],
    ['blank lines', '\n   \n\n'],
  ])('rejects an empty file (%s) with one issue naming the file', (name, text) => {
    const file = `test/fixtures/registries/${name}`;

    const error = rejection(name === 'empty.yaml' ? fixture(name).text : text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/empty/);
  });

  it('rejects a file of only comments with one issue on line 1', () => {
    const { text, file } = fixture('only-comments.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(lineOf(error.issues[0] ?? '', file)).toBe(1);
  });

  it('rejects a top-level list: expected a map, and nothing claims it is missing', () => {
    const { text, file } = fixture('top-level-list.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(new RegExp(`^${file}:1: \\(top level\\): expected object`));
    expect(error.issues[0]).not.toContain('missing');
  });

  it('rejects a 50 MB file before parsing it, saying it is too large', () => {
    // 50 MB of text that is also invalid YAML (tabs as indentation): had it been parsed, the issue would be a
    // YAML error, so "too large" as the only issue shows the size check ran first. Generated, never committed.
    const line = 'version: 1\n\tagencies: [ \n';
    const text = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const file = 'registry/huge.yaml';

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/too large/);
    expect(error.issues[0]).toContain('50.0 MB');
  });

  it('reports all twelve mistakes of a registry at once, each on its line', () => {
    const { text, file } = fixture('twelve-mistakes.yaml');

    const error = rejection(text, file);

    const byPath = new Map(error.issues.map((i) => [i.slice(file.length + 1).split(': ')[1] ?? '', lineOf(i, file)]));
    expect(error.issues).toHaveLength(12);
    expect(error.message).toContain('(12 problems)');
    expect(Object.fromEntries(byPath)).toEqual({
      version: 2,
      'defaults.thresholds.homeLcpMs': 5,
      'defaults.alerts.confirmRounds': 7,
      'operators[0]': 9,
      'agencies[0].id': 11,
      'agencies[0].kind': 13,
      'agencies[0].head.email': 16,
      'agencies[0].portal.home': 18,
      'agencies[1].cc[0]': 23,
      'agencies[1].portal.form': 26,
      'agencies[1]': 27,
      'agencies[2].name': 29,
    });
  });
});
