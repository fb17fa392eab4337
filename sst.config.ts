import type { SSTConfig } from 'sst';
import { Agent } from './stacks/Agent.js';
import { Alarms } from './stacks/Alarms.js';
import { Data } from './stacks/Data.js';
import { Email } from './stacks/Email.js';
import { Index766 } from './stacks/Index766.js';
import { Lab } from './stacks/Lab.js';
import { Monitor } from './stacks/Monitor.js';
import { Site } from './stacks/Site.js';

/** Packages only the probe and the lab function may load; each installs them into its bundle (stacks/Monitor.ts, stacks/Lab.ts). */
export const BROWSER_PACKAGES = ['@sparticuz/chromium', 'playwright-core', 'lighthouse'];

export default {
  config() {
    // ap-southeast-1 (Singapore) is the AWS region closest to Vietnam's portals.
    return { name: 'dvcwatch', region: 'ap-southeast-1' };
  },
  stacks(app) {
    app.setDefaultFunctionProps({
      runtime: 'nodejs22.x',
      architecture: 'x86_64',
      logRetention: 'one_month',
      // Never bundle the browser into the other functions: a handler that reaches it through a package
      // barrel must lose that import to tree-shaking (workspace packages are side-effect free), and
      // test/stacks/sst-build.test.ts fails the build if a bundle still imports it.
      nodejs: { esbuild: { external: BROWSER_PACKAGES } },
    });
    app.stack(Data).stack(Email).stack(Site).stack(Agent).stack(Monitor).stack(Lab).stack(Alarms).stack(Index766);
  },
} satisfies SSTConfig;
