import { mkdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatVnTime } from '@dvcwatch/core';
import type { Store } from '@dvcwatch/store';
import type { CliEnv } from './env.js';
import { writeAtomic } from './local-files.js';

/** The file in the state folder that remembers the registry the last round/serve/replay measured. */
export const LAST_REGISTRY_FILE = 'last-registry';

export const DEMO_REGISTRY = 'registry/demo.yaml';

/** Which registry a command uses, and why (said to the user when nothing matches). */
export interface RegistryChoice {
  file: string;
  source: 'option' | 'env' | 'remembered' | 'demo';
}

/** The registry the last round/serve/replay used, or null. */
export async function rememberedRegistry(env: CliEnv): Promise<string | null> {
  const text = await readFile(join(env.home, LAST_REGISTRY_FILE), 'utf8').catch(() => '');
  return text.trim() || null;
}

/** Records the registry a measuring command used, so `results` and `alerts` default to it. */
export async function rememberRegistry(env: CliEnv, file: string): Promise<void> {
  await mkdir(env.home, { recursive: true });
  await writeAtomic(join(env.home, LAST_REGISTRY_FILE), `${resolve(file)}\n`);
}

/**
 * `--registry`, else DVCWATCH_REGISTRY; commands that read the store (`results`, `alerts`) then fall back on the
 * registry the last round used, and only then on the demo registry.
 */
export async function chooseRegistry(option: string | undefined, env: CliEnv, reading: boolean): Promise<RegistryChoice> {
  if (option) return { file: option, source: 'option' };
  if (env.DVCWATCH_REGISTRY) return { file: env.DVCWATCH_REGISTRY, source: 'env' };
  const remembered = reading ? await rememberedRegistry(env) : null;
  if (remembered) return { file: shortPath(remembered), source: 'remembered' };
  return { file: DEMO_REGISTRY, source: 'demo' };
}

const shortPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};

const SOURCE: Record<RegistryChoice['source'], string> = {
  option: 'theo --registry',
  env: 'theo DVCWATCH_REGISTRY',
  remembered: 'danh mục mà vòng đo gần nhất đã dùng',
  demo: 'danh mục mô phỏng mặc định',
};

/**
 * Says, when a query matched nothing, what the store does hold: how many rounds, over what time, of which
 * agencies (those outside the chosen registry named), and how to ask for them. Vietnamese first.
 */
export async function storeHoldings(
  store: Store,
  choice: RegistryChoice,
  registryIds: readonly string[],
  env: CliEnv,
): Promise<string[]> {
  const rounds = await store.rounds(100_000);
  const lines = [`Không có gì khớp với ${choice.file} (${SOURCE[choice.source]}, ${registryIds.length} cơ quan).`];
  if (rounds.length === 0) {
    lines.push(`Kho dữ liệu (${env.home}) chưa có vòng đo nào: chạy "dvcwatch round --registry ${choice.file}" trước.`);
    return lines;
  }
  const ats = rounds.map((r) => r.at).sort();
  // The agencies of the first and the last round (two reads, whatever the number of rounds).
  const ends = [...new Set([ats[0], ats.at(-1)])].filter((at): at is string => at !== undefined);
  const records = await Promise.all(ends.map((at) => store.getRound(at)));
  const agencies = [...new Set(records.flatMap((r) => r?.expected ?? []))].sort();
  const outside = agencies.filter((id) => !registryIds.includes(id));
  const sample = (ids: string[]) =>
    `${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ` … và ${ids.length - 8} cơ quan khác` : ''}`;
  lines.push(
    `Kho dữ liệu (${env.home}) đang có ${rounds.length} vòng đo, từ ${formatVnTime(ats[0] ?? '')} đến ${formatVnTime(ats.at(-1) ?? '')}, của ${agencies.length} cơ quan: ${sample(agencies)}.`,
  );
  if (outside.length > 0) lines.push(`${outside.length} cơ quan trong kho không thuộc ${choice.file}: ${sample(outside)}.`);
  const remembered = await rememberedRegistry(env);
  if (remembered && shortPath(remembered) !== choice.file)
    lines.push(`Vòng đo gần nhất dùng danh mục ${shortPath(remembered)}: thử --registry ${shortPath(remembered)}.`);
  else if (outside.length > 0) lines.push('Thử --registry với danh mục đã dùng khi đo (the registry the rounds used).');
  return lines;
}
