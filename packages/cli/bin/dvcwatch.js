#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the repository needs no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK's ten-line "Node >= 22" notice (@aws-sdk/core, emitWarningIfUnsupportedVersion) is turned off by the
// variable the SDK itself reads; nodeSupportNote says the same once, in one line, and what to do about it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { nodeSupportNote } = await import('../src/node-support.ts');
const note = nodeSupportNote(process.versions.node);
if (note) process.stderr.write(`${note}\n`);
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
