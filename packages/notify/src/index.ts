export * from './mailer.js';
export * from './mime.js';
