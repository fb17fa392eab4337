import { formatBytes, formatSeconds } from './causes.js';
import type { LabOpportunity } from './lab.js';

/** The last part of a URL's path, or the URL shortened, for a line of an email or a page. */
const shortUrl = (url: string): string => {
  try {
    const u = new URL(url);
    const s = `${u.pathname}${u.search}`;
    return s.length > 80 ? `${s.slice(0, 79)}…` : s;
  } catch {
    return url.slice(0, 80);
  }
};

const at = (o: LabOpportunity) => (o.url ? `: ${shortUrl(o.url)}` : '');
const saves = (o: LabOpportunity) =>
  o.savingsMs
    ? `, có thể nhanh hơn ${formatSeconds(o.savingsMs)}`
    : o.savingsBytes
      ? `, có thể bớt ${formatBytes(o.savingsBytes)}`
      : '';

/** Lighthouse's diagnostics in plain Vietnamese (portal URLs inside: escape before showing); at most `max`. */
export function labCauses(ops: readonly LabOpportunity[], max = 3): string[] {
  const text = (o: LabOpportunity): string | null => {
    switch (o.id) {
      case 'server-response-time':
        return o.value !== null ? `Máy chủ phản hồi tài liệu chính mất ${formatSeconds(o.value)}` : null;
      case 'render-blocking-resources':
        return `Tệp chặn hiển thị${saves(o)}${at(o)}`;
      case 'uses-optimized-images':
      case 'modern-image-formats':
      case 'uses-responsive-images':
        return `Ảnh chưa tối ưu${saves(o)}${at(o)}`;
      case 'unused-javascript':
        return `JavaScript không dùng đến${saves(o)}${at(o)}`;
      case 'total-byte-weight':
        return o.value !== null ? `Trang quá nặng: ${formatBytes(o.value)} tổng cộng` : null;
      default:
        return null;
    }
  };
  const weight = (o: LabOpportunity) => o.savingsMs ?? (o.id === 'server-response-time' ? (o.value ?? 0) : 0);
  return [...ops]
    .sort((a, b) => weight(b) - weight(a) || (b.savingsBytes ?? 0) - (a.savingsBytes ?? 0))
    .map(text)
    .filter((t): t is string => t !== null)
    .slice(0, max);
}
