import { resetEnv } from '../../../functions/shared/env.js';
import { resetClients } from '../../../functions/shared/services.js';

/** Sets environment variables for the handlers (undefined deletes); returns a function that restores them. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
    // The functions parse their environment and build clients once per container: start afresh.
    resetEnv();
    resetClients();
  };
  apply(vars);
  return () => apply(before);
}
