import type { CheckStatus } from '@dvcwatch/core';
import type { SiteCheck } from '../catalogue.js';
import { esc } from '../escape.js';
import { CHECK_STATUS_LABELS, GROUPS, groupLabel } from '../labels.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { replayNotice } from '../replay.js';
import { labOverall } from './agency-lab.js';

const CELL_CLASS: Record<CheckStatus, string> = { pass: 'c-p', fail: 'c-f', unknown: 'c-u' };

/** A matrix page: up to MAX_COLUMNS checks of one QĐ 473 group. */
interface MatrixPart {
  path: string;
  group: string;
  label: string;
  checks: SiteCheck[];
}

/**
 * At most this many checks per page: 100 agencies × 21 checks on one page would be about 190 kB; 8 columns keep
 * each page well within the budget and readable on a phone.
 */
const MAX_COLUMNS = 8;

/** Agencies × checks, each cell a word and a symbol (not colour alone) linking to the evidence on the agency page. */
function matrixPage(m: SiteModel, part: MatrixPart, parts: MatrixPart[]): string {
  const head = part.checks
    .map((c) => `<th scope="col"><a href="check/${esc(encodeURIComponent(c.id))}.html">${esc(c.title)}</a></th>`)
    .join('');
  // The matrix is the largest page: cells use the least markup HTML allows (unquoted fixed classes, no </td>).
  const cells: Record<CheckStatus, string> = {
    pass: `${CHECK_STATUS_LABELS.pass.symbol} ${CHECK_STATUS_LABELS.pass.label}`,
    fail: `${CHECK_STATUS_LABELS.fail.symbol} ${CHECK_STATUS_LABELS.fail.label}`,
    unknown: `${CHECK_STATUS_LABELS.unknown.symbol} ${CHECK_STATUS_LABELS.unknown.label}`,
  };
  const passCounts = new Map<string, number>();
  const rows = m.ranked
    .map((v) => {
      const id = esc(v.agency.id);
      const byCheck = new Map((v.latest?.checks ?? []).map((c) => [c.id, c.status]));
      let passed = 0;
      let measured = 0;
      for (const c of m.checks) {
        const s = byCheck.get(c.id) ?? 'unknown';
        if (s !== 'unknown') measured++;
        if (s === 'pass') passed++;
      }
      const tds = part.checks
        .map((c) => {
          const s = byCheck.get(c.id) ?? 'unknown';
          if (s === 'pass') passCounts.set(c.id, (passCounts.get(c.id) ?? 0) + 1);
          return `<td class=${CELL_CLASS[s]}><a href="agency/${id}.html#c-${esc(c.id)}">${cells[s]}</a>`;
        })
        .join('');
      const lab = labOverall(v.lab.latest);
      const risk = v.lab.risks.length > 0 ? ' · ⚠ nguy cơ' : '';
      return `<tr><th scope="row"><a href="agency/${id}.html">${esc(v.agency.name)}</a></th><td class="n">${passed}/${measured}</td><td class=${CELL_CLASS[lab]}><a href="agency/${id}.html#bo">${cells[lab]}${risk}</a>${tds}</tr>`;
    })
    .join('\n');
  const foot = part.checks.map((c) => `<td class="n">${passCounts.get(c.id) ?? 0}</td>`).join('');
  const tabs = parts
    .map((p) => `<li><a href="${p.path}"${p === part ? ' aria-current="page"' : ''}>${esc(p.label)}</a></li>`)
    .join('');
  const body = `<h1>Ma trận tiêu chí: ${esc(part.label)}</h1>
<p>Kết quả lần đo gần nhất của từng cơ quan với từng tiêu chí. Mỗi ô dẫn tới bằng chứng trên trang của cơ quan.
Cột "Theo tiêu chí của Bộ": bốn chỉ số tốc độ (FCP, LCP, Speed Index, TBT) đo như Lighthouse trên điện thoại, trung vị ngày đo gần nhất; "⚠ nguy cơ": một chỉ số không đạt ở ít nhất 3 trong 7 ngày qua.
Chú giải: <span class="st c-p">✓ Đạt</span>, <span class="st c-f">✗ Không đạt</span>, <span class="st c-u">? Chưa đo</span> (không thu thập được hoặc không đo được từ bên ngoài).</p>
<nav aria-label="Nhóm tiêu chí"><ul class="tabs">${tabs}</ul></nav>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="mx-cap"><table class="matrix">
<caption id="mx-cap">${m.ranked.length} cơ quan × ${part.checks.length} tiêu chí (${esc(part.label)})</caption>
<thead><tr><th scope="col">Cơ quan</th><th scope="col">Đạt / đã đo (mọi nhóm)</th><th scope="col">Theo tiêu chí của Bộ</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">Số cơ quan đạt</th><td></td><td class="n">${m.ranked.filter((v) => labOverall(v.lab.latest) === 'pass').length}</td>${foot}</tr></tfoot></table></div>`;
  return page(m.input, {
    title: `Ma trận tiêu chí — ${part.label}`,
    root: '',
    nav: 'matrix',
    body,
    notice: replayNotice(m.replay, ''),
  });
}

/** The matrix pages: groups in the order of QĐ 473, each cut into pages of at most MAX_COLUMNS checks. */
export function matrixPages(m: SiteModel): [string, string][] {
  const order = GROUPS.map((g) => g.id);
  const groups = [...new Set(m.checks.map((c) => c.group))].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
  );
  const parts: MatrixPart[] = [];
  for (const g of groups) {
    const checks = m.checks.filter((c) => c.group === g);
    const n = Math.ceil(checks.length / MAX_COLUMNS);
    for (let i = 0; i < n; i++) {
      parts.push({
        path: parts.length === 0 ? 'matrix.html' : `matrix-${encodeURIComponent(g)}${i > 0 ? `-${i + 1}` : ''}.html`,
        group: g,
        label: `${groupLabel(g)}${n > 1 ? ` (${i + 1}/${n})` : ''}`,
        checks: checks.slice(i * MAX_COLUMNS, (i + 1) * MAX_COLUMNS),
      });
    }
  }
  return parts.map((p) => [p.path, matrixPage(m, p, parts)]);
}
