import { type Result, viDateTime } from '@dvcwatch/core';

/** "What to fix": the latest round's named causes (at most 3, most costly first), with their evidence. */
export function CausesSection(props: { r: Result | null }) {
  const { r } = props;
  const causes = r?.causes ?? [];
  if (!r) return <p id="nguyen-nhan">Chưa có lần đo nào.</p>;
  if (causes.length === 0)
    return (
      <p id="nguyen-nhan">
        {r.status === 'down' || r.status === 'blocked' || r.status === 'error'
          ? 'Cổng không tải được trang nên không phân tích được tốc độ: nguyên nhân là lỗi nêu ở đầu trang.'
          : 'Lần đo gần nhất không ghi nhận nguyên nhân chậm nào đáng kể.'}
      </p>
    );
  return (
    <>
      <ol id="nguyen-nhan">
        {causes.map((c) => (
          <li class="evidence">{c.text}</li>
        ))}
      </ol>
      <p class="muted small">
        Từ lần đo lúc {viDateTime(r.at)}: thời gian tải từng tệp (Resource Timing), phần tử nội dung chính (LCP), tập lệnh chiếm
        luồng xử lý (Long Animation Frames) và chứng chỉ HTTPS; tệp tốn thời gian nhất xếp trước.
      </p>
    </>
  );
}
