import { parse } from './args.js';
import { loadRegistry } from './context.js';
import { UsageError } from './usage.js';

/** `dvcwatch validate FILE`: every problem at once, or a one-line confirmation. */
export async function cmdValidate(argv: string[], out: (l: string) => void): Promise<number> {
  const { positionals } = parse(argv, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('validate cần tên tệp (validate needs a FILE)');
  const registry = await loadRegistry(file);
  const kinds: Record<string, number> = {};
  for (const a of registry.agencies) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  out(
    `${file}: hợp lệ — ${registry.agencies.length} cơ quan (${Object.entries(kinds)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')})`,
  );
  return 0;
}
