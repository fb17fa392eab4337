import { parseArgs } from 'node:util';
import { UsageError } from './usage.js';

type Spec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses a command's options strictly: an unknown option or a missing value is a UsageError naming it. */
export function parse<S extends Spec>(argv: string[], options: S, positionals = 0) {
  try {
    const out = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals > 0, allowNegative: true });
    if (out.positionals.length > positionals)
      throw new UsageError(`thừa đối số (unexpected argument): ${out.positionals[positionals]}`);
    return out;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify.*$/, '') : String(e));
  }
}

/** An ISO-8601 instant from `--at`/`--since`, normalised to UTC; a bad one names the option. */
export function isoOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t))
    throw new UsageError(`--${name}: không phải thời điểm ISO-8601 (not an ISO-8601 time): ${value}`);
  return new Date(t).toISOString();
}

/** A positive integer option within bounds. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name}: cần số nguyên từ ${min} đến ${max} (got ${value})`);
  return n;
}
