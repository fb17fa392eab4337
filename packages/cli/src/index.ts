export { sqsAgentQueue } from './cmd-agent.js';
export * from './context.js';
export * from './demo/index.js';
export * from './embedded.js';
export * from './env.js';
export * from './local-files.js';
export { main } from './main.js';
export * from './registry-file.js';
export * from './serve-monthly.js';
