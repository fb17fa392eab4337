import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cmdValidate } from '../../packages/cli/src/cmd-validate.js';
import { isPlaceholderHead } from '../../packages/core/src/placeholder-contact.js';
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
    expect(error.issues[0]).toMatch(/^registry\/syntax-error\.yaml:5:5: YAML: sai cú pháp \(syntax error\): Flow sequence/);
  });

  it('reports kind: city on its line', () => {
    const { text, file } = fixture('kind-city.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toContain('agencies["tinh-a"].kind: phải là "national" hoặc "ministry" hoặc "province"');
    expect(lineOf(error.issues[0] ?? '', file)).toBe(5);
  });

  it('reports version: 2 on its line', () => {
    const { text, file } = fixture('version-2.yaml');

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:2: version: phải là 1 (Invalid input: expected 1)`]);
  });

  it('reports thresholds given as strings as wrong types, not as missing', () => {
    const { text, file } = fixture('thresholds-strings.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]).toMatch(
      new RegExp(`^${file}:4: defaults\\.thresholds\\.homeLcpMs: cần một số \\(expected number\\)`),
    );
    expect(error.issues[1]).toMatch(
      new RegExp(`^${file}:5: defaults\\.thresholds\\.homeFcpMs: cần một số \\(expected number\\)`),
    );
    for (const issue of error.issues) expect(issue).not.toContain('missing');
  });

  it('reports a duplicate id at the second use and names the first', () => {
    const { text, file } = fixture('duplicate-ids.yaml');

    const error = rejection(text, file);

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toContain('agencies["tinh-a"].id: trùng id "tinh-a", đã dùng ở dòng 3');
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
    ['url-ftp.yaml', 'agencies["tinh-a"].portal.home', 8],
    ['url-not-a-url.yaml', 'agencies["tinh-a"].portal.form', 9],
  ])('reports the bad URL in %s', (name, path, line) => {
    const { text, file } = fixture(name);

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:${line}: ${path}: phải là một địa chỉ http(s) (must be an http(s) URL)`]);
  });

  it('reports a bad email with its path and line', () => {
    const { text, file } = fixture('bad-email.yaml');

    const error = rejection(text, file);

    expect(error.issues).toEqual([`${file}:8: agencies["tinh-a"].head.email: địa chỉ email không hợp lệ (invalid email)`]);
  });

  it('reports a misspelt key (portal.hom) once, on the line of the key, with the key it resembles', () => {
    const { text, file } = fixture('unknown-key.yaml');

    const error = rejection(text, file);

    // The misspelling also leaves the required `home` missing: one mistake, said once, with "did you mean".
    expect(error.issues).toEqual([
      `${file}:9: agencies["tinh-a"].portal: khóa không có (unknown key: hom) — có phải "home"? (did you mean "home"?)`,
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
    expect(error.issues[0]).toMatch(
      new RegExp(`^${file}:1: \\(top level\\): cần một bảng khóa \\(object\\) \\(expected object\\)`),
    );
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
    expect(error.message).toContain('12 lỗi (registry is invalid, 12 problems)');
    expect(Object.fromEntries(byPath)).toEqual({
      version: 2,
      'defaults.thresholds.homeLcpMs': 5,
      'defaults.alerts.confirmRounds': 7,
      'operators[0]': 9,
      'agencies["Ha Noi"].id': 11,
      'agencies["Ha Noi"].kind': 13,
      'agencies["Ha Noi"].head.email': 16,
      'agencies["Ha Noi"].portal.home': 18,
      'agencies["bo-b"].cc[0]': 23,
      'agencies["bo-b"].portal.form': 26,
      'agencies["bo-b"]': 27,
      'agencies["bo-c"].name': 29,
    });
  });
});

describe('dvcwatch validate: every mistake in one pass', () => {
  it('lists a misspelt key, a duplicate id and a malformed email at once, by line and agency id, exit 1', async () => {
    const { file } = fixture('three-mistakes.yaml');
    const lines: string[] = [];
    const out: string[] = [];

    const code = await cmdValidate(
      [file],
      (l) => out.push(l),
      (l) => lines.push(l),
    );

    expect(code).toBe(1);
    expect(out).toEqual([]);
    const issues = lines.slice(1).map((l) => l.trim());
    expect(issues).toEqual([
      `${file}:9: agencies["tinh-a"].portal: khóa không có (unknown key: hom) — có phải "home"? (did you mean "home"?)`,
      `${file}:13: agencies["bo-b"].head.email: địa chỉ email không hợp lệ (invalid email)`,
      `${file}:16: agencies["tinh-a"].id: trùng id "tinh-a", đã dùng ở dòng 4 (duplicate id "tinh-a", first used on that line)`,
    ]);
    expect(lines[0]).toContain('3 lỗi');
  });

  it('passes the shipped registry with a warning naming how many placeholder heads and which, exit 0', async () => {
    const lines: string[] = [];

    const code = await cmdValidate(
      ['registry/vietnam.yaml'],
      (l) => lines.push(l),
      (l) => lines.push(`stderr: ${l}`),
    );

    expect(code).toBe(0);
    const registry = parseRegistry(readFileSync('registry/vietnam.yaml', 'utf8'), 'registry/vietnam.yaml');
    const placeholders = registry.agencies.filter(isPlaceholderHead);
    expect(placeholders.length).toBeGreaterThan(0);
    const warning = lines.find((l) => l.includes('placeholder head contacts'));
    expect(warning).toContain(`${placeholders.length}/${registry.agencies.length} cơ quan`);
    for (const a of placeholders) expect(warning).toContain(a.id);
    expect(lines.filter((l) => l.startsWith('stderr:'))).toEqual([]);
    expect(lines.some((l) => l.includes('operators@example.vn'))).toBe(true);
  });
});
