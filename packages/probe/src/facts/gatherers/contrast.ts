import { gatherContrast } from '../controls.js';
import { homeVisit } from './types.js';

/** The contrast control and the colours before and after its click (clicked last: it changes the page). */
export const contrast = homeVisit({
  fact: 'contrast',
  owner: 'contrast-toggle',
  step: 'contrast-toggle',
  run: (page, c) => gatherContrast(page, c.override('contrast-toggle').selector),
});
