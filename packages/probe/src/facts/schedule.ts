import type { FactGaps, FactKey, Facts } from '@dvcwatch/core';
import { GATHERERS, stepsOf } from './gatherers/index.js';

/** A value to come, resolved once (later resolutions are ignored): one node of the gatherers' dependency graph. */
export interface Pending<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function pending<T>(): Pending<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** `fn` run the first time it is asked for; every later call gets the same promise. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}

/** A thrown error in a few words: its first line, bounded. */
export const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);

/** For each wanted fact left null, the reason of the first of its steps that did not finish. */
export function gapsOf(facts: Facts, wanted: ReadonlySet<FactKey>, unfinished: ReadonlyMap<string, string>): FactGaps {
  const gaps: FactGaps = {};
  for (const fact of wanted) {
    if (facts[fact] !== null) continue;
    const reason = stepsOf(GATHERERS[fact])
      .map((s) => unfinished.get(s))
      .find((r) => r !== undefined);
    if (reason) gaps[fact] = reason;
  }
  return gaps;
}

/** Runs tasks in order with at most `n` at a time; tasks handle their own errors. */
export async function pool(tasks: (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, tasks.length)) }, worker));
}
