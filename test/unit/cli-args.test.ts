import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { main } from '../../packages/cli/src/main.js';
import { USAGE } from '../../packages/cli/src/usage.js';

// Issue "dvcwatch under hostile portals, faults and bad input": bad arguments are refused before anything runs.
// Every case below fails while parsing, before a database, an emulator or a browser could be started.
let stderr: string[];
let spy: MockInstance;
let out: string[];
const run = (argv: string[]) => main(argv, (l) => out.push(l));

beforeEach(() => {
  stderr = [];
  out = [];
  spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  spy.mockRestore();
  vi.unstubAllEnvs();
});

describe('usage errors exit 2 and print the usage', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['round', '--bogus'], /--bogus/],
    ['an option without its value', ['round', '--registry'], /--registry/],
    ['a time that is not ISO-8601', ['round', '--at', 'not-a-date'], /--at.*not-a-date/],
    ['an impossible date', ['round', '--at', '2025-13-45T00:00:00Z'], /--at/],
    ['a concurrency out of range', ['round', '--concurrency', '99'], /--concurrency/],
    ['a concurrency that is not a number', ['round', '--concurrency', 'hai'], /--concurrency/],
    ['a stray positional argument', ['round', 'extra'], /extra/],
    ['an unknown command', ['frobnicate'], /frobnicate/],
    ['a bad --since', ['results', '--since', 'yesterday'], /--since/],
    ['a port out of range', ['serve', '--port', '70000'], /--port/],
    ['an unknown option of alerts', ['alerts', '--all'], /--all/],
    ['replay days of zero', ['replay', '--days', '0'], /--days: cần số nguyên từ 1 đến 120/],
    ['replay days past the longest history', ['replay', '--days', '121'], /--days/],
    ['replay days that are not a number', ['replay', '--days', 'ba-muoi'], /--days/],
    ['a replay end that is not a time', ['replay', '--until', 'hôm qua'], /--until.*hôm qua/],
    ['a replay end in the future', ['replay', '--until', '2999-01-01T00:00:00Z'], /--until: không được ở tương lai/],
    ['serve replay days out of range', ['serve', '--replay-days', '200'], /--replay-days/],
    ['validate without a file', ['validate'], /validate/],
    ['validate with two files', ['validate', 'a.yaml', 'b.yaml'], /b\.yaml/],
  ];
  it.each(cases)('%s', async (_name, argv, names) => {
    // act
    const code = await run(argv);
    // assess
    const text = stderr.join('');
    expect(code).toBe(2);
    expect(text).toMatch(names);
    expect(text).toContain(USAGE);
    expect(out).toEqual([]);
  });

  it('no command at all prints the usage and exits 2; `help` exits 0', async () => {
    expect(await run([])).toBe(2);
    expect(out).toEqual([USAGE]);
    expect(await run(['help'])).toBe(0);
  });
});

describe('bad input files and environment exit 1 and say where', () => {
  it('an invalid registry names the file and the line', async () => {
    // act
    const code = await run(['validate', 'test/fixtures/registries/bad-email.yaml']);
    // assess
    expect(code).toBe(1);
    expect(stderr.join('')).toContain('test/fixtures/registries/bad-email.yaml:8: agencies["tinh-a"].head.email');
    expect(out).toEqual([]);
  });

  it('a registry with many mistakes reports every one, each with its line', async () => {
    const code = await run(['validate', 'test/fixtures/registries/twelve-mistakes.yaml']);
    const lines = stderr
      .join('')
      .split('\n')
      .filter((l) => /twelve-mistakes\.yaml:\d+: /.test(l));
    expect(code).toBe(1);
    expect(lines.length).toBeGreaterThanOrEqual(12);
  });

  it('a missing registry file names the file', async () => {
    const code = await run(['validate', 'test/fixtures/registries/no-such-file.yaml']);
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/no-such-file\.yaml.*ENOENT/);
  });

  it('a bad environment variable names the variable, before anything starts', async () => {
    // prepare
    vi.stubEnv('DVCWATCH_CONCURRENCY', 'nhiều');
    // act
    const code = await run(['round']);
    // assess
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/DVCWATCH_CONCURRENCY/);
  });

  it('a valid registry passes', async () => {
    expect(await run(['validate', 'test/fixtures/registries/valid.yaml'])).toBe(0);
    expect(out.join('')).toMatch(/valid\.yaml: hợp lệ — 2 cơ quan/);
  });
});
