export * from './errors.js';
export * from './keys.js';
export * from './lab-days.js';
export * from './monitor-health.js';
export * from './sends.js';
export * from './store.js';
export * from './table.js';
