import type { Facts, LinkFact } from '../artifacts.js';
import type { JudgeContext } from './types.js';

/**
 * The vendor styles of Vietnamese public-service portals (shared/DOMAIN.md "Vendors") that every check is proven on:
 * Liferay/OpenCPS, ASP.NET WebForms, VNPT iGate (Angular), JSP like the national portal, SharePoint, and plain
 * server-rendered sites with upper-case menus. The fixture portals of each style live in test/fixtures/styles/.
 */
export const VENDOR_STYLES = ['liferay', 'aspnet', 'igate', 'jsp', 'sharepoint', 'plain'] as const;
export type VendorStyle = (typeof VENDOR_STYLES)[number];

/**
 * What a check's folder declares about its own fixtures, in `checks/<id>/fixtures.ts` (read by tests only; the
 * product never imports it):
 * - `judge`: page facts that make its judge pass and fail, without a browser (test/unit/checks-judges.test.ts;
 *   empty facts must give `unknown`);
 * - `styles`: what its evidence must show on each vendor style's passing fixture portal in real Chromium
 *   (test/integration/checks-styles.test.ts), where the style differs. On every style, whether listed or not, the
 *   passing portal must pass the check and the failing portal fail it.
 */
export interface CheckFixtures {
  judge: {
    pass: Partial<Facts>;
    fail: Partial<Facts>;
    /** The home page as the probe saw it, per case (default: a plain https home page without headers). */
    passContext?: JudgeContext;
    failContext?: JudgeContext;
    unknownContext?: JudgeContext;
  };
  styles: Readonly<Partial<Record<VendorStyle, RegExp>>>;
}

export const defineFixtures = (fixtures: CheckFixtures): CheckFixtures => fixtures;

/** The home page the judge fixtures are written against. */
export const FIXTURE_HOME = 'https://dichvucong.example.gov.vn/';

/** A link of the fixture home page. */
export const fixtureLink = (text: string, href: string | null = `${FIXTURE_HOME}x`): LinkFact => ({
  text,
  href,
  ariaLabel: null,
  title: null,
});

/** The fixture home page as the probe saw it, with `over` changed (headers, final address, error). */
export const fixtureContext = (over: Partial<NonNullable<JudgeContext['home']>> = {}): JudgeContext => ({
  home: { url: FIXTURE_HOME, finalUrl: FIXTURE_HOME, error: null, headers: {}, ...over },
});
