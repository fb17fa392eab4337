/** The Node version dvcwatch's dependencies ask for (the AWS SDK and Playwright): Lambda runs 22. */
export const NODE_REQUIRED = '>=22.17';

/** A one-line note when `version` is below 22.17 (it runs here, but is not what Lambda runs); null otherwise. */
export function nodeSupportNote(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 17)) return null;
  return `dvcwatch: Node ${version} chạy được cục bộ, nhưng Lambda dùng Node 22 và các phụ thuộc cần Node ≥ 22.17 (hoặc 24): nên nâng cấp (Node upgrade advised).`;
}
