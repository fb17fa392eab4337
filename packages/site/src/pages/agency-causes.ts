import type { Result } from '@dvcwatch/core';
import { esc } from '../escape.js';
import { vnTime } from '../format.js';

/** "What to fix": the latest round's named causes (at most 3, most costly first), with their evidence. */
export function causesSection(r: Result | null): string {
  const causes = r?.causes ?? [];
  if (!r || causes.length === 0) return '<p id="nguyen-nhan">Lần đo gần nhất không ghi nhận nguyên nhân chậm nào đáng kể.</p>';
  const items = causes.map((c) => `<li class="evidence">${esc(c.text)}</li>`).join('');
  return `<ol id="nguyen-nhan">${items}</ol>
<p class="muted small">Từ lần đo lúc ${esc(vnTime(r.at))}: thời gian tải từng tệp (Resource Timing), phần tử nội dung chính (LCP), tập lệnh chiếm luồng xử lý (Long Animation Frames) và chứng chỉ HTTPS; tệp tốn thời gian nhất xếp trước.</p>`;
}
