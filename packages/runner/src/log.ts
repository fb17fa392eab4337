/** Structured logger: one JSON object per line on AWS (CloudWatch Logs Insights), plain lines locally. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** A JSON-lines logger writing to `write` (stderr by default), with fields bound by `child`. */
export function jsonLogger(
  bound: Record<string, unknown> = {},
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const emit =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...bound, ...fields }));
  return {
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => jsonLogger({ ...bound, ...fields }, write),
  };
}

/** A logger that drops everything (tests, quiet CLI). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };

/**
 * A catch handler for a read or write the work can go on without: says what failed (a warning with the error)
 * and returns `fallback`. Never a silent `.catch(() => null)`.
 */
export const warnAnd =
  <T>(log: Logger, msg: string, fields: Record<string, unknown>, fallback: T) =>
  (e: unknown): T => {
    log.warn(msg, { ...fields, error: e instanceof Error ? e.message : String(e) });
    return fallback;
  };
