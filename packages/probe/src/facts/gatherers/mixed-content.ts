import { run } from '../dom.js';
import { HTTP_SUBRESOURCES } from '../scripts.js';
import { homeVisit } from './types.js';

/** Subresources of the home page loaded over http:// (`no-mixed-content`). */
export const mixedContent = homeVisit({
  fact: 'mixedContent',
  owner: 'no-mixed-content',
  step: 'no-mixed-content',
  run: (page) => run<string[]>(page, HTTP_SUBRESOURCES),
});
