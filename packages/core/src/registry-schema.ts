import { z } from 'zod';
import { CHECK_IDS, CHECKS } from './checks/catalogue.js';
import { DEFAULT_ALERTS, DEFAULT_THRESHOLDS } from './thresholds.js';
import { isLoopbackAddress } from './vantage.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const email = z.email({ error: 'invalid email' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

export const ThresholdsInput = z.strictObject({
  homeLcpMs: z.number().positive().optional(),
  homeFcpMs: z.number().positive().optional(),
  homeTtfbMs: z.number().positive().optional(),
  formReadyMs: z.number().positive().optional(),
  minScore: z.number().min(0).max(100).optional(),
});

export const AlertsInput = z.strictObject({
  confirmRounds: z.number().int().min(1).max(48).optional(),
  recoverRounds: z.number().int().min(1).max(48).optional(),
  remindEveryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  escalateAfterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .optional(),
});

export const Contact = z.strictObject({ name: z.string().min(1), email });

/** A window during which nothing is sent and the site shows "bảo trì". Times in Asia/Ho_Chi_Minh. */
export const Maintenance = z.union([
  z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), note: z.string().optional() }),
  z.strictObject({
    weekly: z.array(z.number().int().min(0).max(6)).min(1),
    start: hhmm,
    end: hhmm,
    note: z.string().optional(),
  }),
]);

/** Per-agency fix for one check the heuristics miss: where to look, or what to click. */
export const CheckOverride = z.strictObject({
  url: httpUrl.optional(),
  selector: z.string().min(1).optional(),
  skip: z.boolean().optional(),
});

/**
 * Per-check overrides, keyed by the catalogue's ids: a mistyped id (`serch`) is an error, and so is a `url` or
 * `selector` the check's gathering does not use (its `gather.overrides`).
 */
export const CheckOverrides = z.partialRecord(z.enum(CHECK_IDS), CheckOverride).superRefine((checks, ctx) => {
  for (const [id, o] of Object.entries(checks)) {
    const allowed: readonly string[] = CHECKS.find((c) => c.id === id)?.gather?.overrides ?? [];
    for (const key of ['url', 'selector'] as const)
      if (o?.[key] !== undefined && !allowed.includes(key))
        ctx.addIssue({
          code: 'custom',
          path: [id, key],
          message: `check "${id}" does not use a ${key}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ' (only skip)'}`,
        });
  }
});

export const ProbeSettings = z.strictObject({
  pageTimeoutMs: z.number().int().min(1_000).max(120_000).optional(),
  confirmAttempts: z.number().int().min(0).max(2).optional(),
  confirmDelayMs: z.number().int().min(0).max(30_000).optional(),
  /** `rounds` (default): a slow answering page is confirmed over rounds; `in-round`: re-probed at once (the old rule). */
  confirmSlow: z.enum(['rounds', 'in-round']).optional(),
  accessibility: z.boolean().optional(),
  /** Hours between full runs of the check catalogue per agency (staggered); sooner when the home page's functions change. */
  checksEveryHours: z.number().int().min(1).max(24).optional(),
  /** Ministry-profile (Lighthouse mobile) runs per agency per day, in Vietnamese office hours; 0 turns them off. */
  labRunsPerDay: z.number().int().min(0).max(9).optional(),
});

/** When a round counts as the monitor's own network outage (core/vantage-outage.ts). */
export const OutageSettingsInput = z.strictObject({
  minShare: z.number().gt(0).max(1).optional(),
  minAgencies: z.number().int().min(1).optional(),
});

export const Agency = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(['national', 'ministry', 'province']),
  /** Centrally-run city or province, kept as data: it has changed more than once. */
  subkind: z.string().optional(),
  /** A province's official 2-digit code (after the 1 July 2025 merger, e.g. "01" Hà Nội): places it on the site's map. */
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'must be the official 2-digit province code, e.g. "01"')
    .optional(),
  head: Contact,
  cc: z.array(email).default([]),
  escalation: z.array(Contact).default([]),
  portal: z.strictObject({
    home: httpUrl,
    form: httpUrl.optional(),
  }),
  /** Where the portal address comes from (a public source), shown on the site. */
  source: z.string().optional(),
  /** True when the head's email is a placeholder, not a verified address. */
  placeholderContact: z.boolean().default(false),
  thresholds: ThresholdsInput.optional(),
  alerts: AlertsInput.optional(),
  maintenance: z.array(Maintenance).default([]),
  checks: CheckOverrides.optional(),
  /**
   * The agency's unit id in the national portal's QĐ 766 index (the answer's `ID`, not the official province code),
   * to join its scores to this agency; absent: the agency shows no index. Quoted or not, kept as text.
   */
  index766Id: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "must be the portal's numeric unit id")])
    .transform(String)
    .optional(),
  /** Email the head the agency's row of each monthly edition (absent or false: off, the default). */
  monthlySummary: z.boolean().optional(),
});

/** A vantage (core/vantage.ts). `egress` binds a loopback source address: local runs only. */
export const VantageInput = z.strictObject({
  id,
  name: z.string().min(1),
  egress: z
    .string()
    .refine(isLoopbackAddress, 'must be a loopback address (127.0.0.0/8 or ::1): egress is for local runs only')
    .optional(),
});

export const RegistryInput = z.strictObject({
  version: z.literal(1),
  defaults: z
    .strictObject({
      thresholds: ThresholdsInput.optional(),
      alerts: AlertsInput.optional(),
      probe: ProbeSettings.optional(),
      /** Hosts of the national portal: a provincial address that ends there is `consolidated`. */
      nationalHosts: z.array(z.string().min(1)).optional(),
      outage: OutageSettingsInput.optional(),
    })
    .default({}),
  /** Who hears about the monitor's own failures (status `error`, incomplete rounds). */
  operators: z.array(email).default([]),
  /** Public address of the coordinators' site, used in email links. */
  siteUrl: httpUrl.optional(),
  /** Where probes look from; the first runs the rounds, the others confirm a `down` (optional). */
  vantages: z.array(VantageInput).min(1, 'list at least the first vantage, or leave vantages out').optional(),
  agencies: z.array(Agency).min(1, 'at least one agency is required'),
});

export type AgencyInput = z.infer<typeof Agency>;
export type RegistryInputT = z.infer<typeof RegistryInput>;

export { DEFAULT_ALERTS, DEFAULT_THRESHOLDS };
