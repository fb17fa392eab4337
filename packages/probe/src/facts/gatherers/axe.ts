import { gatherAxe } from '../axe.js';
import { homeVisit } from './types.js';

/** The axe-core WCAG 2.x A/AA audit of the home page (`accessibility`; the slowest gatherer, bounded). */
export const axe = homeVisit({
  fact: 'axe',
  owner: 'accessibility',
  step: 'accessibility',
  run: (page, c) => gatherAxe(page, Math.min(20_000, c.left())),
});
