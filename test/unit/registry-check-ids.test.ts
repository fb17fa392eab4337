import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../packages/core/src/index.js';
import { parseRegistry, RegistryError } from '../../packages/core/src/registry.js';

const FILE = 'registry/agencies.yaml';
const registry = (checks: string) => `version: 1
agencies:
  - id: tinh-a
    name: Tỉnh A
    kind: province
    head: { name: Chủ tịch, email: head@example.vn }
    portal: { home: "https://dichvucong.a.gov.vn/" }
    checks:
${checks}
`;

const issuesOf = (text: string): string[] => {
  try {
    parseRegistry(text, FILE);
  } catch (e) {
    if (e instanceof RegistryError) return e.issues;
    throw e;
  }
  return [];
};

describe('registry check overrides are validated against the catalogue', () => {
  it('accepts every catalogue id and the overrides each check uses', () => {
    const lines = CHECK_IDS.map((id) => `      ${id}: { skip: true }`).join('\n');
    expect(issuesOf(registry(lines))).toEqual([]);
    const r = parseRegistry(registry('      search: { selector: "#q", url: "https://a.gov.vn/tim" }'), FILE);
    expect(r.agencies[0]?.checks?.search).toEqual({ selector: '#q', url: 'https://a.gov.vn/tim' });
  });

  it('rejects a mistyped check id with file, line, path and the id it resembles', () => {
    const issues = issuesOf(registry('      search: { skip: true }\n      serch: { skip: true }'));
    expect(issues).toEqual([
      `${FILE}:10: agencies["tinh-a"].checks: mã tiêu chí không có (unknown check id "serch") — có phải "search"? (did you mean "search"?)`,
    ]);
  });

  it('lists the ids for an id resembling none', () => {
    const [issue] = issuesOf(registry('      captcha: { skip: true }'));
    expect(issue).toMatch(
      /^registry\/agencies\.yaml:9: agencies\["tinh-a"\]\.checks: mã tiêu chí không có \(unknown check id "captcha"\) — các mã tiêu chí \(check ids\): search, /,
    );
  });

  it('rejects a url or selector that the check does not use', () => {
    const issues = issuesOf(registry('      https: { selector: "#x" }\n      three-clicks: { url: "https://a.gov.vn/" }'));
    expect(issues).toEqual([
      `${FILE}:9: agencies["tinh-a"].checks.https.selector: tiêu chí "https" không dùng selector (check "https" does not use a selector (only skip))`,
      `${FILE}:10: agencies["tinh-a"].checks.three-clicks.url: tiêu chí "three-clicks" không dùng url (check "three-clicks" does not use a url (it takes selector))`,
    ]);
  });
});
