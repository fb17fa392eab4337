import { jsonLogger, silentLogger } from '@dvcwatch/runner';
import { cmdAgent } from './cmd-agent.js';
import { cmdAlerts } from './cmd-alerts.js';
import { cmdEdition } from './cmd-edition.js';
import { cmdImport766 } from './cmd-import-766.js';
import { cmdReplay } from './cmd-replay.js';
import { cmdResults } from './cmd-results.js';
import { cmdRound } from './cmd-round.js';
import { cmdServe } from './cmd-serve.js';
import { cmdStatus } from './cmd-status.js';
import { cmdValidate } from './cmd-validate.js';
import { readEnv } from './env.js';
import { exitCodeOf } from './exit-code.js';
import { USAGE, UsageError } from './usage.js';

/** The `dvcwatch` command. Returns the exit code: 0 done, 1 bad input or failure, 2 usage error. */
export async function main(argv: string[], out: (l: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const [command, ...rest] = argv;
  return exitCodeOf(
    async () => {
      if (!command || command === 'help' || command === '--help' || command === '-h') {
        out(USAGE);
        return command ? 0 : 2;
      }
      if (command === 'validate') return await cmdValidate(rest, out, err);
      const env = readEnv();
      const log = process.env.DVCWATCH_LOG === 'json' ? jsonLogger({ service: 'dvcwatch' }) : silentLogger;
      switch (command) {
        case 'round':
          return await cmdRound(rest, env, log, out);
        case 'results':
          return await cmdResults(rest, env, log, out);
        case 'status':
          return await cmdStatus(rest, env, log, out);
        case 'alerts':
          return await cmdAlerts(rest, env, log, out);
        case 'replay':
          return await cmdReplay(rest, env, log, out);
        case 'serve':
          return await cmdServe(rest, env, log, out);
        case 'edition':
          return await cmdEdition(rest, env, log, out);
        case 'import-766':
          return await cmdImport766(rest, env, log, out);
        case 'agent':
          return await cmdAgent(rest, env, log, out);
        default:
          throw new UsageError(`lệnh không rõ (unknown command): ${command}`);
      }
    },
    err,
    USAGE,
  );
}
