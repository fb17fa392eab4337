import { groupLabel } from '@dvcwatch/present';
import type { SiteCheck } from '../catalogue.js';
import { clip } from '../escape.js';
import { TableWrap } from '../fragments.js';
import { page } from '../layout.js';
import type { AgencyView, SiteModel } from '../model.js';
import { ReplayNotice } from '../replay.js';
import { failingSince, sinceText } from '../since.js';

const AgencyLink = (props: { v: AgencyView; c: SiteCheck }) => (
  <a href={`../agency/${props.v.agency.id}.html#c-${props.c.id}`}>{props.v.agency.name}</a>
);

/** One check: which agencies fail it now, since when, with evidence; then who passes and who was not measured. */
export function checkPage(m: SiteModel, c: SiteCheck): string {
  const failing: { v: AgencyView; evidence: string }[] = [];
  const passing: AgencyView[] = [];
  const unknown: AgencyView[] = [];
  for (const v of m.ranked) {
    const r = v.latest?.checks.find((x) => x.id === c.id);
    if (r?.status === 'fail') failing.push({ v, evidence: r.evidence });
    else if (r?.status === 'pass') passing.push(v);
    else unknown.push(v);
  }
  const list = (vs: AgencyView[], none: string) =>
    vs.length ? (
      <ul>
        {vs.map((v) => (
          <li>
            <AgencyLink v={v} c={c} />
          </li>
        ))}
      </ul>
    ) : (
      <p>{none}</p>
    );
  const body = (
    <>
      <p class="small">
        <a href="../matrix.html">Ma trận tiêu chí</a> › Tiêu chí
      </p>
      <h1>{c.title}</h1>
      <dl class="kv">
        <dt>Mã</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
        <dt>Nhóm</dt>
        <dd>{groupLabel(c.group)}</dd>
        {c.weight ? (
          <>
            <dt>Điểm</dt>
            <dd>{c.weight}</dd>
          </>
        ) : null}
        {c.source ? (
          <>
            <dt>Căn cứ</dt>
            <dd>{c.source}</dd>
          </>
        ) : null}
        <dt>Kết quả</dt>
        <dd>
          {failing.length} không đạt · {passing.length} đạt · {unknown.length} chưa đo
        </dd>
      </dl>
      <h2>Không đạt</h2>
      {failing.length ? (
        <TableWrap labelledBy="f-cap">
          <table>
            <caption id="f-cap">Cơ quan không đạt ({failing.length})</caption>
            <thead>
              <tr>
                <th scope="col">Cơ quan</th>
                <th scope="col">Không đạt</th>
                <th scope="col">Bằng chứng</th>
              </tr>
            </thead>
            <tbody>
              {failing.map(({ v, evidence }) => {
                const since = failingSince(v, c.id);
                return (
                  <tr>
                    <th scope="row">
                      <AgencyLink v={v} c={c} />
                    </th>
                    <td>{since ? sinceText(since) : '—'}</td>
                    <td class="evidence">{clip(evidence)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>Không cơ quan nào không đạt tiêu chí này ở lần đo gần nhất.</p>
      )}
      <h2>Đạt ({passing.length})</h2>
      {list(passing, 'Chưa có.')}
      <h2>Chưa đo ({unknown.length})</h2>
      {list(unknown, 'Không có.')}
    </>
  );
  return page(m.input, { title: c.title, root: '../', nav: null, notice: <ReplayNotice span={m.replay} root="../" /> }, body);
}
