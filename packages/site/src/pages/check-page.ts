import type { SiteCheck } from '../catalogue.js';
import { clip, esc } from '../escape.js';
import { groupLabel } from '../labels.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { replayNotice } from '../replay.js';
import { failingSince, sinceText } from '../since.js';

/** One check: which agencies fail it now, since when, with evidence; then who passes and who was not measured. */
export function checkPage(m: SiteModel, c: SiteCheck): string {
  const failing: string[] = [];
  const passing: string[] = [];
  const unknown: string[] = [];
  for (const v of m.ranked) {
    const r = v.latest?.checks.find((x) => x.id === c.id);
    const link = `<a href="../agency/${esc(v.agency.id)}.html#c-${esc(c.id)}">${esc(v.agency.name)}</a>`;
    if (r?.status === 'fail') {
      const since = failingSince(v, c.id);
      failing.push(
        `<tr><th scope="row">${link}</th><td>${since ? esc(sinceText(since)) : '—'}</td><td class="evidence">${esc(clip(r.evidence))}</td></tr>`,
      );
    } else if (r?.status === 'pass') passing.push(`<li>${link}</li>`);
    else unknown.push(`<li>${link}</li>`);
  }
  const failTable = failing.length
    ? `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="f-cap"><table><caption id="f-cap">Cơ quan không đạt (${failing.length})</caption><thead><tr><th scope="col">Cơ quan</th><th scope="col">Không đạt</th><th scope="col">Bằng chứng</th></tr></thead><tbody>${failing.join('')}</tbody></table></div>`
    : '<p>Không cơ quan nào không đạt tiêu chí này ở lần đo gần nhất.</p>';
  const body = `<p class="small"><a href="../matrix.html">Ma trận tiêu chí</a> › Tiêu chí</p>
<h1>${esc(c.title)}</h1>
<dl class="kv"><dt>Mã</dt><dd><code>${esc(c.id)}</code></dd><dt>Nhóm</dt><dd>${esc(groupLabel(c.group))}</dd>${c.weight ? `<dt>Điểm</dt><dd>${esc(c.weight)}</dd>` : ''}${c.source ? `<dt>Căn cứ</dt><dd>${esc(c.source)}</dd>` : ''}
<dt>Kết quả</dt><dd>${failing.length} không đạt · ${passing.length} đạt · ${unknown.length} chưa đo</dd></dl>
<h2>Không đạt</h2>
${failTable}
<h2>Đạt (${passing.length})</h2>
${passing.length ? `<ul>${passing.join('')}</ul>` : '<p>Chưa có.</p>'}
<h2>Chưa đo (${unknown.length})</h2>
${unknown.length ? `<ul>${unknown.join('')}</ul>` : '<p>Không có.</p>'}`;
  return page(m.input, { title: c.title, root: '../', nav: null, body, notice: replayNotice(m.replay, '../') });
}
