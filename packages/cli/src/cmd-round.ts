import { asVantageOutage, evidenceKey, formatVnTime, type Result, STATUS_VI } from '@dvcwatch/core';
import { type Logger, runRound } from '@dvcwatch/runner';
import { intOption, isoOption, parse } from './args.js';
import type { LocalContext } from './context.js';
import type { CliEnv } from './env.js';
import { fileSpool } from './local-files.js';
import { openWithDemo } from './open-with-demo.js';
import { writeSite } from './site-writer.js';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const ms = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v)}`);

/** One summary line of a result, for the live progress and the table. */
export const resultLine = (r: Result): string =>
  `${pad(r.agencyId, 22)} ${pad(r.status, 12)} ${pad(ms(r.pages.home?.lcpMs), 7)} ${pad(ms(r.pages.form?.readyMs), 7)} ${pad(r.score == null ? '—' : `${r.score} ${r.grade}`, 7)} ${r.breaches.join(',')}${vantageNote(r)}`;

/** What the other vantages made of a `down`, for the round's table (Vietnamese). */
const vantageNote = (r: Result): string => {
  const seen = r.vantages?.map((v) => `${v.id}: ${v.status ?? 'không trả lời'}`).join(', ');
  if (!seen) return '';
  const verdict = { geo: 'chỉ tới được từ điểm đo khác', confirmed: 'mọi điểm đo xác nhận', unconfirmed: 'chưa được xác nhận' };
  return ` [${r.vantageVerdict ? verdict[r.vantageVerdict] : ''} — ${seen}]`;
};

/** Runs one round in an open context and rebuilds the site; returns a printable summary. */
export async function roundIn(
  ctx: LocalContext,
  o: {
    at: string;
    trigger: 'schedule' | 'manual' | 'replay';
    site: boolean;
    checks: boolean;
    concurrency: number;
    /** Run the whole check catalogue for every agency now, whatever its schedule. */
    freshChecks?: boolean;
    /** The ministry profile: every agency now (`--lab`), those whose hour it is (serve's schedule), or none. */
    lab?: 'force' | 'schedule' | 'off';
  },
  out: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const results: Result[] = [];
  let catalogueRuns = 0;
  out(
    `Vòng đo ${formatVnTime(o.at)} (giờ Việt Nam): ${ctx.registry.agencies.length} cơ quan, ${o.concurrency} cơ quan cùng lúc, mỗi cơ quan một trình duyệt Chromium thật (thường 10–40 s mỗi cơ quan)`,
  );
  const summary = await runRound(ctx.deps, {
    at: o.at,
    trigger: o.trigger,
    concurrency: o.concurrency,
    spool: fileSpool(ctx.paths.spool),
    now: () => new Date().toISOString(),
    lab:
      o.lab === 'force' || (o.lab === 'schedule' && ctx.registry.probe.labRunsPerDay > 0)
        ? {
            runner: ctx.labRunner(),
            mode: o.lab,
            onAgency: (id, s) =>
              out(
                `  Lighthouse (di động, mô phỏng mạng chậm) ${id}: ${s?.home ? `LCP ${ms(s.home.lcpMs)} ms, điểm ${s.home.score ?? '—'}` : `không đo được (${s?.errors.home ?? '?'})`}`,
              ),
          }
        : null,
    probe: {
      prober: ctx.prober(),
      registry: ctx.registry,
      evidence: evidencePlan(ctx),
      facts: o.checks,
      factsStore: ctx.deps.store,
      freshChecks: o.freshChecks === true,
      onFacts: (_, reason) => {
        if (reason) catalogueRuns++;
      },
    },
    onStart: (id, started, total) => out(`  → đang đo ${id} (${started}/${total})…`),
    onResult: (r, done, total) => {
      results.push(r);
      out(
        `  [${done}/${total}] ${r.agencyId}: ${STATUS_VI[r.status]}${r.breaches.length ? ` — vượt ngưỡng: ${r.breaches.join(', ')}` : ''}`,
      );
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The table shows each result as the round finally judged it (a monitor-side outage re-judges network failures).
  const outage = new Set(summary.outage ?? []);
  const judged = results.map((r) => (outage.has(r.agencyId) ? asVantageOutage(r) : r));
  out('');
  out(`${pad('cơ quan', 22)} ${pad('trạng thái', 12)} ${pad('LCP ms', 7)} ${pad('form ms', 7)} ${pad('điểm', 7)} vượt ngưỡng`);
  for (const r of judged.sort((a, b) => a.agencyId.localeCompare(b.agencyId))) out(resultLine(r));
  if (outage.size > 0)
    out(
      `Sự cố mạng phía máy đo: ${outage.size} cơ quan không tới được cùng lúc — ghi là lỗi của hệ thống giám sát (vantage-outage), không gửi thư cho lãnh đạo cơ quan nào; đã báo người vận hành.`,
    );
  out('');
  out(
    `Xong sau ${seconds} s: ${summary.results}/${summary.expected} kết quả${summary.missing.length ? `, thiếu ${summary.missing.join(', ')}` : ''}${summary.spooled ? `, ${summary.spooled} kết quả chờ ghi (spool)` : ''}.`,
  );
  if (o.checks)
    out(
      `Bộ tiêu chí chạy lại cho ${catalogueRuns}/${results.length} cơ quan (mỗi cơ quan ${ctx.registry.probe.checksEveryHours} giờ một lần, hoặc khi trang chủ đổi); các cơ quan còn lại dùng kết quả kiểm tra gần nhất.`,
    );
  if (o.site) {
    const site = await writeSite(ctx, o.at);
    out(`Trang tổng hợp: ${ctx.paths.site}/index.html (${site.files} tệp, ${site.ms} ms)`);
  }
  out(`Thư đã gửi (.eml): ${ctx.paths.outbox}`);
}

const evidencePlan = (ctx: LocalContext) => ({
  path: (agencyId: string, at: string, page: 'home' | 'form') => {
    const key = evidenceKey(agencyId, at, page);
    return { file: `${ctx.paths.site}/${key}`, key };
  },
});

/** `dvcwatch round`: one round now or at --at; exit 0 when the round completed, whatever the portals did. */
export async function cmdRound(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, {
    registry: { type: 'string' },
    at: { type: 'string' },
    site: { type: 'boolean' },
    checks: { type: 'boolean' },
    'fresh-checks': { type: 'boolean' },
    lab: { type: 'boolean' },
    concurrency: { type: 'string' },
  });
  const at = isoOption('at', values.at) ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const concurrency = intOption('concurrency', values.concurrency, 1, 16) ?? env.DVCWATCH_CONCURRENCY;
  const { ctx, close } = await openWithDemo(env, values.registry, log);
  try {
    await roundIn(
      ctx,
      {
        at,
        // A round stamped in the past (--at) is still measured: 'replay' is kept for derived history (cmd-replay.ts).
        trigger: 'manual',
        site: values.site !== false,
        checks: values.checks !== false,
        freshChecks: values['fresh-checks'] === true,
        lab: values.lab === true ? 'force' : 'off',
        concurrency,
      },
      out,
    );
    return 0;
  } finally {
    await close();
  }
}
