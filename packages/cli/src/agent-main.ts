import { jsonLogger, silentLogger } from '@dvcwatch/runner';
import { cmdAgent } from './cmd-agent.js';
import { readEnv } from './env.js';
import { exitCodeOf } from './exit-code.js';

/** The packaged agent's help (`dvcwatch-agent --help`): the `agent` command alone. */
export const AGENT_USAGE = `dvcwatch-agent — điểm đo phụ của dvcwatch (dvcwatch's confirming vantage)

Cách dùng (usage):
  dvcwatch-agent --vantage ID [--queue-url URL] [--jobs N] [--once] [--registry TỆP]
      nhận việc xác nhận từ hàng đợi SQS của agent (AgentQueueUrl, hoặc DVCWATCH_AGENT_QUEUE_URL), đo lại cổng
      từ máy này, ghi điều thấy được vào bảng DynamoDB (DVCWATCH_TABLE); N việc cùng lúc (DVCWATCH_AGENT_JOBS, 1–16)

Môi trường (environment): AWS_REGION, DVCWATCH_TABLE, thông tin đăng nhập AWS theo cách thường của SDK
  (credentials: the SDK's usual chain, with only the Agent stack's policy); DVCWATCH_LOG=json để ghi nhật ký JSON.`;

/**
 * `dvcwatch-agent` (the package `npm run pack:agent` builds): `dvcwatch agent` alone, with the CLI's environment,
 * logging and exit codes, and none of the local service (no dynalite, no SES emulator, no site).
 */
export async function agentMain(
  argv: string[],
  out: (l: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const err = (l: string) => process.stderr.write(`${l}\n`);
  return exitCodeOf(
    async () => {
      const args = argv[0] === 'agent' ? argv.slice(1) : argv;
      if (args.includes('--help') || args.includes('-h')) {
        out(AGENT_USAGE);
        return 0;
      }
      const log = process.env.DVCWATCH_LOG === 'json' ? jsonLogger({ service: 'dvcwatch-agent' }) : silentLogger;
      return await cmdAgent(args, readEnv(), log, out);
    },
    err,
    AGENT_USAGE,
  );
}
