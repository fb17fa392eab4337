/** The ministry profile (Lighthouse mobile). A subpath of its own so the hourly probe's bundle never includes Lighthouse. */
export { type LabChrome, launchLabChrome } from './chrome.js';
export { createLabRunner, type LabRunner, type LabRunnerOptions, metricsOf } from './lighthouse-run.js';
