export * from './browser-host.js';
export * from './facts/index.js';
export * from './guard.js';
export * from './guard-policy.js';
export * from './limits.js';
export * from './page-session.js';
export * from './probe-page.js';
export * from './prober.js';
export type * from './session.js';
