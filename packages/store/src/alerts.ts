import type { AlertState, Incident, Transition } from '@dvcwatch/core';
import { z } from 'zod';
import { ConflictError } from './errors.js';
import { type Entity, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

/** Payloads keep fields they do not name (loose): a field added by newer code of the same version survives a rewrite. */
export const IncidentPayload = z.looseObject({
  id: z.string(),
  openedAt: z.string(),
  since: z.string(),
  status: z.string(),
  breaches: z.array(z.string()),
  lastNotifiedAt: z.string(),
  reminders: z.number(),
  escalated: z.boolean(),
  resolvedAt: z.string().nullable(),
  recoveredAt: z.string().nullable().optional(),
}) satisfies z.ZodType<Incident>;

const TransitionPayload = z.looseObject({
  kind: z.enum(['open', 'remind', 'escalate', 'resolve']),
  incident: IncidentPayload,
  step: z.string(),
  at: z.string(),
}) satisfies z.ZodType<Transition>;

export const AlertStatePayload = z.looseObject({
  agencyId: z.string().min(1),
  breachedRounds: z.number(),
  cleanRounds: z.number(),
  cleanSince: z.string().nullable(),
  streakSince: z.string().nullable(),
  incident: IncidentPayload.nullable(),
  lastAt: z.string().nullable(),
  // Rows written before pending sends existed have none.
  pending: z.array(TransitionPayload).default([]),
  version: z.number(),
}) satisfies z.ZodType<AlertState>;

export const alertStateEntity: Entity<AlertState> = {
  name: 'alert state',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(AlertStatePayload) }).transform((i) => i.data) },
};

export const incidentEntity: Entity<Incident> = {
  name: 'incident',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(IncidentPayload) }).transform((i) => i.data) },
};

/** Each agency's alert state (one row, optimistic lock) and its incident history. */
export class AlertsRepo {
  constructor(readonly io: TableIo) {}

  async getState(agencyId: string): Promise<AlertState | null> {
    const item = await this.io.get(keys.alertState(agencyId));
    return item ? readItem(alertStateEntity, item) : null;
  }

  /** Writes the state if nobody else advanced it since `expectedVersion` was read; ConflictError otherwise. */
  async putState(state: AlertState, expectedVersion: number | null): Promise<void> {
    const Item = {
      ...keyOf(keys.alertState(state.agencyId)),
      ...versionOf(alertStateEntity),
      data: S(JSON.stringify(state)),
      version: N(state.version),
    };
    if (!(await this.io.putVersioned(Item, expectedVersion)))
      throw new ConflictError(`alert state of ${state.agencyId} changed concurrently`);
  }

  /** Records an incident (open or resolved) in the agency's incident history. */
  async putIncident(agencyId: string, incident: Incident): Promise<void> {
    const Item = {
      ...keyOf(keys.incident(agencyId, incident.openedAt)),
      ...versionOf(incidentEntity),
      data: S(JSON.stringify(incident)),
    };
    await this.io.put({ Item });
  }

  async incidents(agencyId: string): Promise<Incident[]> {
    const pk = keys.incident(agencyId, '').pk;
    const items = await this.io.query(pk, keys.incidentPrefix, `${keys.incidentPrefix}~`);
    return items.map((i) => readItem(incidentEntity, i));
  }
}
