export { listenOnePort, type OnePortServer } from './one-port.js';
export { DEMO_PORTALS, FEATURES, type Feature, type PortalFlags, PROCEDURE } from './portals.js';
export { demoRegistryYaml } from './registry.js';
export * from './replay.js';
export * from './replay-scenario.js';
export { type DemoOptions, type DemoPortal, type DemoPortals, startDemoPortals } from './server.js';
export { PAYLOADS, syntheticPage, syntheticSiteInput, withPayloads } from './synthetic.js';
