import { formatVnTime } from '@dvcwatch/core';
import type { Logger } from '@dvcwatch/runner';
import type { SendRecord } from '@dvcwatch/store';
import { parse } from './args.js';
import { openLocal } from './context.js';
import type { CliEnv } from './env.js';
import { chooseRegistry, storeHoldings } from './registry-choice.js';

const sendState = (s: SendRecord): string =>
  s.state === 'sent'
    ? 'đã gửi'
    : s.state === 'suppressed'
      ? 'không gửi (lịch sử phát lại)'
      : s.state === 'rejected'
        ? `SES TỪ CHỐI, không gửi lại (${s.lastError ?? 'không rõ lý do'})`
        : `chưa gửi (${s.lastError ?? 'đang gửi'})`;

/** `dvcwatch alerts`: incidents and every email sent, with status (and SES bounces/complaints). */
export async function cmdAlerts(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, { registry: { type: 'string' }, agency: { type: 'string' }, json: { type: 'boolean' } });
  const choice = await chooseRegistry(values.registry, env, true);
  const ctx = await openLocal(env, choice.file, log);
  try {
    const ids = values.agency ? [values.agency] : ctx.registry.agencies.map((a) => a.id);
    const incidents = (
      await Promise.all(ids.map(async (id) => (await ctx.deps.store.incidents(id)).map((i) => ({ agencyId: id, ...i }))))
    ).flat();
    // Incidents opened in replayed (derived) history: never emailed, and not carried on by live rounds.
    // The result of the round that opened an incident says whether it was derived (`replay`) or measured.
    const replayed = new Set<string>();
    for (const i of incidents)
      if ((await ctx.deps.store.getResult(i.agencyId, i.openedAt))?.replay) replayed.add(`${i.agencyId}|${i.openedAt}`);
    const isReplayed = (i: { agencyId: string; openedAt: string }) => replayed.has(`${i.agencyId}|${i.openedAt}`);
    // Emails of this registry's agencies and the operators' own, not those of another registry in the same store.
    const sends = (await ctx.deps.sends.list(values.agency)).filter((s) => s.scope === 'ops' || ids.includes(s.scope));
    const feedback = await ctx.deps.sends.sesEvents();
    // Never answer with silence: nothing for this registry says what the store holds (on stderr with --json).
    if (incidents.length === 0 && sends.length === 0) {
      const say = values.json ? (l: string) => process.stderr.write(`${l}\n`) : out;
      const hasResults = (await Promise.all(ids.map((id) => ctx.deps.store.latestResult(id)))).some(Boolean);
      if (hasResults) say(`Chưa có sự cố hay thư nào cho ${choice.file}: mọi cơ quan đã đo đều chưa vượt ngưỡng đủ lâu để báo.`);
      else for (const line of await storeHoldings(ctx.deps.store, choice, ids, env)) say(line);
    }
    if (values.json) {
      for (const i of incidents) out(JSON.stringify({ type: 'incident', ...i, replayed: isReplayed(i) }));
      for (const s of sends) out(JSON.stringify({ ...s, type: 'email', emailKind: s.kind }));
      for (const f of feedback) out(JSON.stringify({ ...f, type: 'ses-feedback', feedbackType: f.type }));
      return 0;
    }
    out(`Sự cố (${incidents.length}):`);
    for (const i of incidents) {
      out(
        `  ${i.agencyId}  mở ${formatVnTime(i.openedAt)}  ${i.resolvedAt ? `đóng ${formatVnTime(i.resolvedAt)}` : isReplayed(i) ? 'còn mở khi lịch sử phát lại kết thúc' : 'ĐANG MỞ'}  ${i.breaches.join(', ')}${isReplayed(i) ? '  [phát lại, không gửi thư]' : ''}`,
      );
    }
    out(`Thư (${sends.length}):`);
    for (const s of sends)
      out(`  ${formatVnTime(s.createdAt)}  ${s.scope}  ${s.step}  ${sendState(s)}  → ${s.to.join(', ')}  "${s.subject}"`);
    if (feedback.length) {
      out(`Phản hồi từ SES (${feedback.length}):`);
      for (const f of feedback) out(`  ${formatVnTime(f.at)}  ${f.type}  ${f.recipients.join(', ')}  ${f.detail}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
