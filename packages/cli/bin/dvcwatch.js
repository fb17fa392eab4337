#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the repository needs no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK's ten-line "Node >= 22" notice (@aws-sdk/core, emitWarningIfUnsupportedVersion) is turned off by the
// variable the SDK itself reads; this line says the same once, in one line, and what to do about it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17))
  process.stderr.write(
    `dvcwatch: Node ${process.versions.node} chạy được cục bộ, nhưng Lambda dùng Node 22 và các phụ thuộc cần Node ≥ 22.17 (hoặc 24): nên nâng cấp (Node upgrade advised).\n`,
  );

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
