import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 20: one way to the table. The result row is built by ResultsRepo alone (results.ts); inside the store the
 * item commands and the pagination loop live in TableIo (table-io.ts) and the attribute helpers in item.ts.
 * Read from the sources, so a second writer or a copied loop fails here.
 */
const ROOT = process.cwd();

/** TypeScript sources under `dir`, tests and dependencies left out, relative to the repository. */
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.split('/').includes('node_modules'));

const where = (files: string[], pattern: RegExp): string[] =>
  files.filter((f) => pattern.test(readFileSync(join(ROOT, f), 'utf8'))).sort();

const STORE = sources('packages/store/src');
const EVERYWHERE = ['packages', 'functions', 'bench', 'stacks'].flatMap(sources);

describe('one path to the table', () => {
  it('only results.ts builds a result row key (every result write goes through ResultsRepo)', () => {
    expect(where(EVERYWHERE, /keys\.result\(/)).toEqual(['packages/store/src/results.ts']);
  });

  it('only TableIo sends item commands and pages with ExclusiveStartKey in the store', () => {
    expect(where(STORE, /new (Get|Put|Update|Delete)ItemCommand|new (Query|Scan)Command/)).toEqual([
      'packages/store/src/table-io.ts',
    ]);
    expect(where(STORE, /ExclusiveStartKey|LastEvaluatedKey/)).toEqual(['packages/store/src/table-io.ts']);
  });

  it('the S/N attribute helpers are defined in item.ts only', () => {
    expect(where(STORE, /=>\s*\(\{\s*[SN]:/)).toEqual(['packages/store/src/item.ts']);
  });
});
