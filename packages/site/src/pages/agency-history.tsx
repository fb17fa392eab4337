import { viDay } from '@dvcwatch/core';
import { TableWrap } from '../fragments.js';
import { type AgencyView, HISTORY_DAYS, type SiteModel } from '../model.js';

/** Runs of equal days as one path segment each: a 90-day strip stays a few hundred bytes. */
function stripPaths(m: SiteModel, index: Map<string, { failedChecks: Record<string, number> }>, id: string) {
  const paths = { f: '', o: '' };
  let run: { kind: 'f' | 'o'; from: number; to: number } | null = null;
  const flush = () => {
    if (run) paths[run.kind] += `M${run.from * 6} 0h${(run.to - run.from) * 6 + 5}v14h-${(run.to - run.from) * 6 + 5}z`;
    run = null;
  };
  for (let i = 0; i < HISTORY_DAYS; i++) {
    const day = m.lastDays[i];
    const d = day === undefined ? undefined : index.get(day);
    const kind = d ? ((d.failedChecks[id] ?? 0) > 0 ? 'f' : 'o') : null;
    if (run && kind === run.kind && run.to === i - 1) run.to = i;
    else {
      flush();
      if (kind) run = { kind, from: i, to: i };
    }
  }
  flush();
  return paths;
}

/** Which checks failed on which of the last 90 days, one strip per check that failed at least once. */
export function CheckHistory(props: { m: SiteModel; v: AgencyView }) {
  const { m, v } = props;
  const from = m.lastDays[0] ?? m.today;
  const days = v.days.filter((d) => d.day >= from && d.day <= m.today);
  const index = new Map(days.map((d) => [d.day, d]));
  const rows = m.checks
    .map((c) => ({ c, failed: days.filter((d) => (d.failedChecks[c.id] ?? 0) > 0) }))
    .filter((x) => x.failed.length > 0);
  if (rows.length === 0) return <p>Không tiêu chí nào không đạt trong {HISTORY_DAYS} ngày qua.</p>;
  return (
    <TableWrap labelledBy="hist-cap">
      <table>
        <caption id="hist-cap">
          Tiêu chí từng không đạt, {HISTORY_DAYS} ngày qua (ô đỏ: ngày có ít nhất một lần đo không đạt; ô xám: đạt)
        </caption>
        <thead>
          <tr>
            <th scope="col">Tiêu chí</th>
            <th scope="col" class="n">
              Số ngày không đạt
            </th>
            <th scope="col">Gần nhất</th>
            <th scope="col">Theo ngày (cũ → mới)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, failed }) => {
            const paths = stripPaths(m, index, c.id);
            const last = failed[failed.length - 1];
            return (
              <tr>
                <th scope="row">{c.title}</th>
                <td class="n">
                  {failed.length}/{days.length}
                </td>
                <td>{last ? viDay(last.day) : '—'}</td>
                <td>
                  <svg
                    class="strip"
                    viewBox={`0 0 ${HISTORY_DAYS * 6} 14`}
                    preserveAspectRatio="none"
                    role="img"
                    aria-label={`Không đạt ${failed.length} trên ${days.length} ngày có dữ liệu`}
                  >
                    <path class="o" d={paths.o} />
                    <path class="f" d={paths.f} />
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
