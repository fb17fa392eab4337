import { gatherThreeClicks, walkStart as readWalkStart, type WalkStart } from '../three-clicks.js';
import { type HomePageRead, ownPage } from './types.js';

/** The walk's first step, read on the home page the home visit has open, so the walk does not load it again. */
export const walkStart: HomePageRead<WalkStart> = {
  where: 'home-visit',
  step: 'three-clicks-start',
  read: (page, links, c) => readWalkStart(page, links, c.override('three-clicks').selector),
};

/**
 * The walk from the home page to a submission entry or form (depth in clicks). The longest task: first of those
 * that start from the home visit, and bounded on its own so that the gatherers after it still get time.
 */
export const threeClicks = ownPage({
  fact: 'threeClicks',
  owner: 'three-clicks',
  needs: ['walkStart'],
  steps: ['home', 'three-clicks-start', 'three-clicks'],
  run: (c, { walkStart }) =>
    c.step('three-clicks', async () => {
      if (!walkStart) throw new Error('the home visit did not read where the walk starts');
      const until = Math.min(c.until - 500, Date.now() + 20_000);
      return gatherThreeClicks(c.open, walkStart, { selector: c.override('three-clicks').selector, until });
    }),
});
