import type { Result, Vantage } from '@dvcwatch/core';

const SEEN: Record<string, string> = {
  up: 'tới được',
  degraded: 'tới được (chậm)',
  consolidated: 'tới được (chuyển về Cổng quốc gia)',
  down: 'không tới được',
  blocked: 'bị chặn',
  error: 'không trả lời kịp',
};

/**
 * Which vantages reached the portal in the latest round, for the agency page (Vietnamese): each vantage's name
 * and what it saw, and what that means for the agency.
 */
export function VantagesText(props: { r: Result | null; vantages: readonly Vantage[] }) {
  const { r, vantages } = props;
  const name = (id: string) => vantages.find((v) => v.id === id)?.name ?? id;
  if (!r?.vantages)
    return (
      <>
        Đo từ {vantages[0]?.name ?? ''}; {r?.status === 'down' ? 'chưa' : 'không cần'} đo lại từ điểm đo khác.
      </>
    );
  return (
    <>
      {r.vantages.map((v, i) => (
        <>
          {i > 0 ? ' · ' : ''}
          {name(v.id)}: <strong>{v.status === null ? 'không trả lời kịp' : (SEEN[v.status] ?? v.status)}</strong>
        </>
      ))}
      <br />
      {r.vantageVerdict === 'geo' ? (
        'Cổng chỉ tới được từ một số điểm đo (chặn theo vùng hoặc địa chỉ): ghi là “bị chặn”, không gửi thư cho lãnh đạo cơ quan.'
      ) : r.vantageVerdict === 'confirmed' ? (
        'Mọi điểm đo đều không tới được: sự cố của cổng đã được xác nhận.'
      ) : (
        <>
          Có điểm đo không trả lời kịp: kết quả của điểm đo đầu tiên được giữ, <strong>chưa được xác nhận</strong>.
        </>
      )}
    </>
  );
}

/** The methodology's list of vantages (Vietnamese), or a sentence when there is only one. */
export function VantagesList(props: { vantages: readonly Vantage[] }) {
  const { vantages } = props;
  if (vantages.length < 2)
    return <p>Danh mục này chỉ khai báo một điểm đo: “không truy cập được” chưa được xác nhận từ nơi khác.</p>;
  return (
    <ul>
      {vantages.map((v, i) => (
        <li>
          <strong>{v.name}</strong> ({v.id}){i === 0 ? ': nơi chạy mọi vòng đo' : ': đo lại để xác nhận'}
        </li>
      ))}
    </ul>
  );
}
