/**
 * The key of a page's screenshot, the same in the local site folder and in the evidence bucket (served by
 * CloudFront under `evidence/*`): one per agency, round and page, so a retried job overwrites its own file.
 */
export const evidenceKey = (agencyId: string, at: string, page: 'home' | 'form'): string =>
  `evidence/${agencyId}/${at.replace(/[:.]/g, '-')}-${page}.jpg`;
