import { isPlaceholderHead, isReservedAddress } from './placeholder-contact.js';
import type { Registry } from './registry.js';

/**
 * What a valid registry should still make its owner look twice at (warnings, never errors): heads that will never
 * be emailed because their address is a placeholder, and operator addresses on reserved domains. Each says how
 * many and which, Vietnamese first.
 */
export function registryWarnings(registry: Registry): string[] {
  const warnings: string[] = [];
  const heads = registry.agencies.filter(isPlaceholderHead);
  if (heads.length > 0)
    warnings.push(
      `${heads.length}/${registry.agencies.length} cơ quan có địa chỉ lãnh đạo giữ chỗ (placeholder head contacts): không gửi thư cho họ cho tới khi thay bằng địa chỉ thật — ${heads.map((a) => a.id).join(', ')}`,
    );
  const cc = registry.agencies.flatMap((a) => a.cc.filter(isReservedAddress).map((e) => `${a.id}: ${e}`));
  if (cc.length > 0)
    warnings.push(
      `${cc.length} địa chỉ cc thuộc tên miền dành riêng (reserved example domains), thư tới đó chỉ bị trả lại — ${cc.join(', ')}`,
    );
  const ops = registry.operators.filter(isReservedAddress);
  if (ops.length > 0)
    warnings.push(
      `${ops.length}/${registry.operators.length} địa chỉ operators thuộc tên miền dành riêng (reserved example domains): người vận hành sẽ không nhận được báo lỗi — ${ops.join(', ')}`,
    );
  if (registry.operators.length === 0)
    warnings.push('operators trống (no operators): không ai nhận báo lỗi của chính hệ thống giám sát');
  return warnings;
}
