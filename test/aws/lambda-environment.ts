import { randomUUID } from 'node:crypto';

/** The runtime the stacks deploy (`nodejs22.x`), as Lambda names it in AWS_EXECUTION_ENV. */
export const EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
const REGION = 'ap-southeast-1';

export interface EnvironmentOf {
  /** The function's name (its logical id here). */
  name: string;
  /** `functions/probe.handler`. */
  handler: string;
  /** The asset folder of the built bundle: Lambda's /var/task. */
  root: string;
  memoryMb: number;
  /** This execution environment's own /tmp (Lambda gives each environment its own). */
  tmp: string;
}

/**
 * The environment variables Lambda defines for a Node.js function (the reserved ones of "Defined runtime
 * environment variables"), then the template's own. AWS_EXECUTION_ENV is what makes @sparticuz/chromium unpack its
 * Amazon Linux 2023 libraries and point LD_LIBRARY_PATH and HOME at /tmp, as it does on Lambda. HOME is not set:
 * Lambda sets none. The two differences, both forced by running on this machine: /tmp is TMPDIR (a folder per
 * environment), and PATH is the machine's.
 */
export function lambdaEnvironment(of: EnvironmentOf, template: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin/:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    TMPDIR: of.tmp,
    _HANDLER: of.handler,
    AWS_EXECUTION_ENV: EXECUTION_ENV,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_LAMBDA_FUNCTION_NAME: of.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(of.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${of.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `2025/06/02/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    LAMBDA_TASK_ROOT: of.root,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    // The role's credentials (dummy here: every endpoint is local).
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...template,
  };
}

/**
 * Node's permission model as Lambda's file system: everything readable, only this environment's /tmp writable
 * (the task root, /var/task, is read-only on Lambda), child processes allowed (Chromium). Node 20 calls the flag
 * `--experimental-permission`, Node 22.13+ `--permission`.
 */
export function lambdaNodeArgs(tmp: string): string[] {
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  return [
    flag,
    '--allow-fs-read=*',
    `--allow-fs-write=${tmp}/`,
    '--allow-child-process',
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=SecurityWarning',
  ];
}
