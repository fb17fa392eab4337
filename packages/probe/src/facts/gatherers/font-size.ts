import { gatherFontSize } from '../controls.js';
import { homeVisit } from './types.js';

/** The "A+" control and the text size before and after its click (clicked late in the visit: it changes the page). */
export const fontSize = homeVisit({
  fact: 'fontSize',
  owner: 'font-size-controls',
  step: 'font-size-controls',
  run: (page, c) => gatherFontSize(page, c.override('font-size-controls').selector),
});
