import { createLabRunner, type LabRunner } from '@dvcwatch/probe/lab';
import type { Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { env } from '../shared/env.js';
import { labFanOut } from './fan-out.js';
import { labConsumer } from './lab-consumer.js';

/** Whole-run limit of one Lighthouse page; stacks/Lab.ts sizes the function's timeout on two of these. */
export const LAB_PAGE_TIMEOUT_MS = 60_000;

// One Chromium (with its DevTools port) per container, reused across invocations; relaunched after a failed run.
let runner: LabRunner | null = null;

const labRunner = (): LabRunner => {
  const e = env();
  runner ??= createLabRunner({
    guard: { local: e.DVCWATCH_ALLOW_ORIGINS.length > 0, allowedOrigins: e.DVCWATCH_ALLOW_ORIGINS },
    timeoutMs: LAB_PAGE_TIMEOUT_MS,
    // Lambda needs @sparticuz/chromium's --single-process; TBT and the score of these runs are withheld (see README).
    singleProcess: true,
  });
  return runner;
};

const consume = labConsumer(labRunner);

const isSqsEvent = (event: ScheduledEvent | SQSEvent): event is SQSEvent => Array.isArray((event as SQSEvent).Records);

/**
 * The ministry profile (Lighthouse mobile, simulated throttling), fanned out: the office-hours schedule invokes it with
 * its scheduled event, and it queues one job per agency due this hour (fan-out.ts); the lab queue invokes it with one
 * of those jobs, and it measures that agency (lab-consumer.ts), up to the event source's maximum concurrency at once.
 * One function for both: the scheduled part is a second's work an hour, and one function keeps one bundle (Chromium
 * and Lighthouse), one role and one set of alarms. Its own function still: Lighthouse needs Chrome's DevTools port
 * and must not share a CPU with the hourly probes.
 */
export const handler = (event: ScheduledEvent | SQSEvent, context: Context) =>
  isSqsEvent(event) ? consume(event, context) : labFanOut(event, context);
