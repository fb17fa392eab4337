import { readFile } from 'node:fs/promises';
import { parseRegistry, type Registry } from '@dvcwatch/core';

/** Reads and validates a registry file; the error names the file, line and path of every problem. */
export async function loadRegistry(file: string): Promise<Registry> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: không đọc được tệp (cannot read file): ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      cause: e,
    });
  }
  return parseRegistry(text, file);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

/** Origins the local guard lets through: only the loopback origins the registry itself names. */
export function localOrigins(registry: Registry): string[] {
  const urls = registry.agencies.flatMap((a) => [
    a.portal.home,
    ...(a.portal.form ? [a.portal.form] : []),
    ...Object.values(a.checks ?? {}).flatMap((c) => (c.url ? [c.url] : [])),
  ]);
  const origins = urls.map((u) => new URL(u).origin);
  for (const h of registry.nationalHosts) if (LOOPBACK.test(h)) origins.push(`http://${h}`, `https://${h}`);
  return [...new Set(origins.filter((o) => LOOPBACK.test(new URL(o).host)))];
}
