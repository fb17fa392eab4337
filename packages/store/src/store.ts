import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AlertState, DailyAggregate, Incident, Result, StoredFacts } from '@dvcwatch/core';
import { AlertsRepo } from './alerts.js';
import { DaysRepo } from './days.js';
import { EditionsRepo } from './editions.js';
import { FactsRepo } from './facts.js';
import { Index766ImportsRepo } from './index-766-imports.js';
import { LabDayRepo } from './lab-days.js';
import { MonitorHealthRepo } from './monitor-health.js';
import { ResultsRepo } from './results.js';
import { type RoundProgress, type RoundRecord, type RoundStart, RoundsRepo } from './rounds.js';
import { TableIo } from './table-io.js';

/**
 * dvcwatch's table, one repository per entity (results, days, rounds, alerts, facts, health), behind the method
 * names callers have always used. One table, conditional writes instead of transactions (dynalite has none).
 * New entities get their own repository file; reach them as `store.<entity>`.
 */
export class Store {
  readonly io: TableIo;
  readonly resultRows: ResultsRepo;
  readonly dayRows: DaysRepo;
  readonly roundRows: RoundsRepo;
  readonly alerts: AlertsRepo;
  readonly facts: FactsRepo;
  /** The monitor's own network health record (the outage guard's state). */
  readonly health: MonitorHealthRepo;
  /** Ministry-profile (Lighthouse mobile) runs per agency and day. */
  readonly labDays: LabDayRepo;
  /** Imports of the Government Office's QĐ 766 index (only ever added). */
  readonly index766: Index766ImportsRepo;
  /** Frozen monthly editions (written once). */
  readonly editions: EditionsRepo;

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    /** Days raw results are kept (TTL attribute `expiresAt`; the table's TTL is set by the stack). */
    readonly retentionDays = 400,
  ) {
    this.io = new TableIo(client, table);
    this.resultRows = new ResultsRepo(this.io, retentionDays);
    this.dayRows = new DaysRepo(this.io);
    this.roundRows = new RoundsRepo(this.io, retentionDays);
    this.alerts = new AlertsRepo(this.io);
    this.facts = new FactsRepo(this.io);
    this.health = new MonitorHealthRepo(this.io);
    this.labDays = new LabDayRepo(this.io);
    this.index766 = new Index766ImportsRepo(this.io);
    this.editions = new EditionsRepo(this.io);
  }

  /** Stores a result once (first wins); false if one was already there. */
  putResult(r: Result): Promise<boolean> {
    return this.resultRows.put(r);
  }

  /** Replaces a stored result with the round's final judgement of it (the round's finalizer only). */
  rejudgeResult(r: Result): Promise<void> {
    return this.resultRows.rejudge(r);
  }

  /** Replaces a stored unsettled `down` by what the agent vantages made of it, once; false when it is not one. */
  settleFromVantages(r: Result): Promise<boolean> {
    return this.resultRows.settle(r);
  }

  getResult(agencyId: string, at: string): Promise<Result | null> {
    return this.resultRows.get(agencyId, at);
  }

  /** An agency's results between two instants (ISO), oldest first unless `desc`. */
  results(agencyId: string, since = '0000', until = '9999', opts: { desc?: boolean; limit?: number } = {}): Promise<Result[]> {
    return this.resultRows.list(agencyId, since, until, opts);
  }

  latestResult(agencyId: string): Promise<Result | null> {
    return this.resultRows.latest(agencyId);
  }

  getFacts(agencyId: string): Promise<StoredFacts | null> {
    return this.facts.get(agencyId);
  }

  putFacts(f: StoredFacts): Promise<boolean> {
    return this.facts.put(f);
  }

  getAlertState(agencyId: string): Promise<AlertState | null> {
    return this.alerts.getState(agencyId);
  }

  /** Writes the alert state if nobody else advanced it since `expectedVersion` was read; ConflictError otherwise. */
  putAlertState(state: AlertState, expectedVersion: number | null): Promise<void> {
    return this.alerts.putState(state, expectedVersion);
  }

  putIncident(agencyId: string, incident: Incident): Promise<void> {
    return this.alerts.putIncident(agencyId, incident);
  }

  incidents(agencyId: string): Promise<Incident[]> {
    return this.alerts.incidents(agencyId);
  }

  /** Adds a result to its day's aggregate (idempotent per round). */
  addToDay(r: Result): Promise<DailyAggregate> {
    return this.dayRows.add(r);
  }

  /** An agency's daily aggregates between two days (YYYY-MM-DD), oldest first. */
  days(agencyId: string, fromDay: string, toDay: string): Promise<DailyAggregate[]> {
    return this.dayRows.list(agencyId, fromDay, toDay);
  }

  /** Records a round's start; false if already recorded. */
  startRound(round: RoundStart): Promise<boolean> {
    return this.roundRows.start(round);
  }

  /** Marks one agency done (flat cost, idempotent) and returns how many are done; NotFoundError without a round. */
  markDone(at: string, agencyId: string): Promise<number> {
    return this.roundRows.markDone(at, agencyId);
  }

  /** Marks a round finished once; false if it already was (so only one caller publishes). */
  finishRound(at: string, finishedAt: string): Promise<boolean> {
    return this.roundRows.finish(at, finishedAt);
  }

  /** The round's counts and times with one GetItem ("is it complete?"). */
  roundProgress(at: string): Promise<RoundProgress | null> {
    return this.roundRows.progress(at);
  }

  /** The round with the agencies it expects and those done (finalize). */
  getRound(at: string): Promise<RoundRecord | null> {
    return this.roundRows.get(at);
  }

  /** The most recent rounds (counts and times), newest first. */
  rounds(limit = 48, until = '9999'): Promise<RoundProgress[]> {
    return this.roundRows.list(limit, until);
  }
}
