import type { Facts } from '@dvcwatch/core';
import { run, settle } from '../dom.js';
import { MOBILE } from '../scripts.js';
import { ownPage } from './types.js';

/** The home page (or the `url` override) in a phone-sized viewport: whether it scrolls sideways. */
export const mobile = ownPage({
  fact: 'mobile',
  owner: 'mobile',
  needs: [],
  steps: ['mobile'],
  run: (c) =>
    c.step('mobile', () =>
      c.open(
        c.override('mobile').url ?? c.homeUrl,
        async (page) => {
          await settle(page, 2_000);
          return run<NonNullable<Facts['mobile']>>(page, MOBILE);
        },
        { viewport: { width: 375, height: 800 } },
      ),
    ),
});
