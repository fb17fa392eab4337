import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { fail, type Judgement, notGathered, pass, unknown } from '../types.js';

/** A dossier-code field on the lookup page (or on the home page itself). */
export function judgeDossierLookup(facts: Facts): Judgement {
  const d = facts.dossierLookup;
  if (d === null) return notGathered('tra cứu hồ sơ');
  if (d.url === null) return fail(`Không thấy ${lookedFor(LABELS.dossierLookup)} trên trang chủ`);
  const via = d.weak ? ` (qua "${d.weak}")` : '';
  if (d.error) return unknown(`Không mở được trang ${d.url}${via}: ${d.error}`);
  if (d.codeFieldFound) return pass(`Trang ${d.url}${via} có ô "${d.evidence ?? 'Mã hồ sơ'}"`);
  return fail(
    `Không thấy ${lookedFor(LABELS.dossierLookup)}; trang ${d.url}${via} không có ô nhập ${lookedFor(LABELS.dossierCode)}`,
  );
}

export const dossierLookup = defineCheck({
  id: 'dossier-lookup',
  title: 'Tra cứu hồ sơ theo mã',
  group: 'functions',
  weight: 6,
  legalBasis: 'Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử)',
  needs: [need('homeLinks'), need('dossierLookup')],
  gather: { overrides: ['url', 'selector'] },
  judge: judgeDossierLookup,
  labels: { dossierLookup: LABELS.dossierLookup, dossierCode: LABELS.dossierCode },
});
