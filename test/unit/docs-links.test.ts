import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link in README.md and docs/*.md resolves: the file exists, and a `#fragment` names a heading of
 * the target (GitHub's anchors). External links (http, mailto) are not fetched: no network in tests.
 */
const ROOT = process.cwd();
const FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown text without fenced code blocks and inline code, where brackets are not links. */
const prose = (text: string): string => text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a markdown file's headings (repeated headings get -1, -2 as on GitHub). */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative link targets of a markdown file: `[text](target)` and `[text]: target`. */
function links(file: string): string[] {
  const text = prose(readFileSync(file, 'utf8'));
  const targets = [
    ...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? ''),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? ''),
  ];
  return targets.map((t) => t.replace(/^<|>$/g, '')).filter((t) => t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** What is wrong with one link of `file`, or null when it resolves. */
function broken(file: string, target: string): string | null {
  const [path = '', fragment] = target.split('#');
  const to = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), decodeURIComponent(path));
  if (!existsSync(to)) return `${file}: ${target}: no file ${relative(ROOT, to)}`;
  if (fragment === undefined || fragment === '') return null;
  if (!to.endsWith('.md')) return null;
  return anchors(to).has(decodeURIComponent(fragment).toLowerCase())
    ? null
    : `${file}: ${target}: no heading #${fragment} in ${relative(ROOT, to)}`;
}

describe('documentation links', () => {
  it('finds the documents and their links (so the check below checks something)', () => {
    expect(FILES).toContain('README.md');
    expect(FILES).toContain('docs/ARCHITECTURE.md');
    expect(links('README.md').length).toBeGreaterThan(5);
  });

  it('resolves every relative link in README.md and docs/*.md, anchors included', () => {
    const problems = FILES.flatMap((f) => links(f).map((t) => broken(f, t))).filter((p): p is string => p !== null);
    expect(problems).toEqual([]);
  });

  it('reports a missing file and a missing heading (the check can fail)', () => {
    expect(broken('README.md', 'docs/no-such-file.md')).toMatch(/no file docs\/no-such-file\.md/);
    expect(broken('README.md', 'docs/ARCHITECTURE.md#no-such-heading')).toMatch(/no heading #no-such-heading/);
    expect(broken('README.md', 'docs/ARCHITECTURE.md#the-aws-path')).toBeNull();
    expect(slug('The ministry profile (Lighthouse mobile)')).toBe('the-ministry-profile-lighthouse-mobile');
    expect(slug('Scale: 1,000 agencies')).toBe('scale-1000-agencies');
  });
});
