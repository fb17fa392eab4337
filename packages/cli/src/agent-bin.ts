// The packaged agent's executable (bundled by packages/cli/scripts/pack-agent.ts into dvcwatch-agent.mjs).
import { agentMain } from './agent-main.js';
import { nodeSupportNote } from './node-support.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const note = nodeSupportNote(process.versions.node);
if (note) process.stderr.write(`${note}\n`);
process.exitCode = await agentMain(process.argv.slice(2));
