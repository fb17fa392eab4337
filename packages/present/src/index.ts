export { alertEmail } from './email/alert-email.js';
export { digestEmail } from './email/digest-email.js';
export { editionSummaryEmail } from './email/edition-email.js';
export { plainEmail } from './email/plain-email.js';
export * from './labels.js';
export { renderDocument, renderFragment } from './render.js';
export { Grade, STATUS_COLOURS, STATUS_SHORT, StatusWithReason, StatusWord } from './status.js';
export { errorHttpStatus, statusReason } from './status-reason.js';
