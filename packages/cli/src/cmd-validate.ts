import { RegistryError, registryWarnings } from '@dvcwatch/core';
import { parse } from './args.js';
import { loadRegistry } from './registry-file.js';
import { UsageError } from './usage.js';

/**
 * `dvcwatch validate FILE`: every mistake in one pass (file:line, the agency by its id, the path) on stderr, exit 1; else a
 * one-line confirmation and the warnings (placeholder contacts: how many and which), exit 0.
 */
export async function cmdValidate(
  argv: string[],
  out: (l: string) => void,
  err: (l: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const { positionals } = parse(argv, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('validate cần tên tệp (validate needs a FILE)');
  let registry: Awaited<ReturnType<typeof loadRegistry>>;
  try {
    registry = await loadRegistry(file);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    err(
      `${file}: KHÔNG hợp lệ — ${e.issues.length} lỗi (registry is invalid, ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}):`,
    );
    for (const issue of e.issues) err(`  ${issue}`);
    return 1;
  }
  const kinds: Record<string, number> = {};
  for (const a of registry.agencies) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  const warnings = registryWarnings(registry);
  out(
    `${file}: hợp lệ — ${registry.agencies.length} cơ quan (${Object.entries(kinds)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')})${warnings.length ? `, ${warnings.length} cảnh báo (warnings):` : ''}`,
  );
  for (const w of warnings) out(`  cảnh báo: ${w}`);
  return 0;
}
