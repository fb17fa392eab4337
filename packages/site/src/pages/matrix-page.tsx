import type { CheckStatus } from '@dvcwatch/core';
import { CHECK_STATUS_LABELS, GROUPS, groupLabel } from '@dvcwatch/present';
import type { SiteCheck } from '../catalogue.js';
import { TableWrap } from '../fragments.js';
import { page } from '../layout.js';
import type { AgencyView, SiteModel } from '../model.js';
import { ReplayNotice } from '../replay.js';
import { labOverall } from './agency-lab.js';

const CELL_CLASS: Record<CheckStatus, string> = { pass: 'c-p', fail: 'c-f', unknown: 'c-u' };
const CELL_TEXT = (s: CheckStatus) => `${CHECK_STATUS_LABELS[s].symbol} ${CHECK_STATUS_LABELS[s].label}`;

/** A matrix page: up to MAX_COLUMNS checks of one QĐ 473 group, all agencies or only those failing one of them. */
interface MatrixPart {
  path: string;
  failingPath: string;
  group: string;
  label: string;
  checks: SiteCheck[];
}

/**
 * At most this many checks per page: 100 agencies × 21 checks on one page would be about 190 kB; 8 columns keep
 * each page well within the budget and readable on a phone.
 */
const MAX_COLUMNS = 8;

const statusOf = (v: AgencyView, id: string): CheckStatus => v.latest?.checks.find((c) => c.id === id)?.status ?? 'unknown';

function Row(props: { v: AgencyView; part: MatrixPart; checks: SiteCheck[] }) {
  const { v } = props;
  const id = v.agency.id;
  let passed = 0;
  let measured = 0;
  for (const c of props.checks) {
    const s = statusOf(v, c.id);
    if (s !== 'unknown') measured++;
    if (s === 'pass') passed++;
  }
  const lab = labOverall(v.lab.latest);
  return (
    <tr>
      <th scope="row">
        <a href={`agency/${id}.html`}>{v.agency.name}</a>
      </th>
      <td class="n">
        {passed}/{measured}
      </td>
      <td class={CELL_CLASS[lab]}>
        <a href={`agency/${id}.html#bo`}>
          {CELL_TEXT(lab)}
          {v.lab.risks.length > 0 ? ' · ⚠ nguy cơ' : ''}
        </a>
      </td>
      {props.part.checks.map((c) => {
        const s = statusOf(v, c.id);
        return (
          <td class={CELL_CLASS[s]}>
            <a href={`agency/${id}.html#c-${c.id}`}>{CELL_TEXT(s)}</a>
          </td>
        );
      })}
    </tr>
  );
}

/** Agencies × checks, each cell a word and a symbol (not colour alone) linking to the evidence on the agency page. */
function matrixPage(m: SiteModel, part: MatrixPart, parts: MatrixPart[], failingOnly: boolean): string {
  const views = failingOnly ? m.ranked.filter((v) => part.checks.some((c) => statusOf(v, c.id) === 'fail')) : m.ranked;
  const passCount = (c: SiteCheck) => views.filter((v) => statusOf(v, c.id) === 'pass').length;
  const body = (
    <>
      <h1>Ma trận tiêu chí: {part.label}</h1>
      <p>
        Kết quả lần đo gần nhất của từng cơ quan với từng tiêu chí. Mỗi ô dẫn tới bằng chứng trên trang của cơ quan. Cột “Theo
        tiêu chí của Bộ”: bốn chỉ số tốc độ (FCP, LCP, Speed Index, TBT) đo như Lighthouse trên điện thoại, trung vị ngày đo gần
        nhất; “⚠ nguy cơ”: một chỉ số không đạt ở ít nhất 3 trong 7 ngày qua. Chú giải: <span class="st c-p">✓ Đạt</span>,{' '}
        <span class="st c-f">✗ Không đạt</span>, <span class="st c-u">? Chưa đo</span> (không thu thập được hoặc không đo được từ
        bên ngoài).
      </p>
      <nav aria-label="Nhóm tiêu chí">
        <ul class="tabs">
          {parts.map((p) => (
            <li>
              <a href={failingOnly ? p.failingPath : p.path} aria-current={p === part ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Hiển thị">
        <ul class="tabs">
          <li>
            <a href={part.path} aria-current={failingOnly ? undefined : 'page'}>
              Mọi cơ quan ({m.ranked.length})
            </a>
          </li>
          <li>
            <a href={part.failingPath} aria-current={failingOnly ? 'page' : undefined}>
              Chỉ cơ quan không đạt ({m.ranked.filter((v) => part.checks.some((c) => statusOf(v, c.id) === 'fail')).length})
            </a>
          </li>
        </ul>
      </nav>
      {views.length === 0 ? (
        <p>Không cơ quan nào không đạt tiêu chí nào của nhóm này ở lần đo gần nhất.</p>
      ) : (
        <TableWrap labelledBy="mx-cap" class="matrix-wrap">
          <table class="matrix">
            <caption id="mx-cap">
              {views.length} cơ quan × {part.checks.length} tiêu chí ({part.label}
              {failingOnly ? ', chỉ cơ quan không đạt' : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Cơ quan</th>
                <th scope="col">Đạt / đã đo (mọi nhóm)</th>
                <th scope="col">Theo tiêu chí của Bộ</th>
                {part.checks.map((c) => (
                  <th scope="col">
                    <a href={`check/${encodeURIComponent(c.id)}.html`}>{c.title}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <Row v={v} part={part} checks={m.checks} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Số cơ quan đạt</th>
                <td />
                <td class="n">{views.filter((v) => labOverall(v.lab.latest) === 'pass').length}</td>
                {part.checks.map((c) => (
                  <td class="n">{passCount(c)}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </>
  );
  return page(
    m.input,
    {
      title: `Ma trận tiêu chí — ${part.label}${failingOnly ? ' (không đạt)' : ''}`,
      root: '',
      nav: 'matrix',
      notice: <ReplayNotice span={m.replay} root="" />,
    },
    body,
  );
}

/** The matrix pages: groups in the order of QĐ 473, each cut into pages of at most MAX_COLUMNS checks; each also failing-only. */
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
      const base = parts.length === 0 ? 'matrix' : `matrix-${encodeURIComponent(g)}${i > 0 ? `-${i + 1}` : ''}`;
      parts.push({
        path: `${base}.html`,
        failingPath: `${base}-khong-dat.html`,
        group: g,
        label: `${groupLabel(g)}${n > 1 ? ` (${i + 1}/${n})` : ''}`,
        checks: checks.slice(i * MAX_COLUMNS, (i + 1) * MAX_COLUMNS),
      });
    }
  }
  return parts.flatMap((p): [string, string][] => [
    [p.path, matrixPage(m, p, parts, false)],
    [p.failingPath, matrixPage(m, p, parts, true)],
  ]);
}
