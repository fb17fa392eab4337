import { homeVisit } from './types.js';

/** The home page's visible text: the home visit's own read (its step is the visit's, `home`). */
export const homeText = homeVisit({ fact: 'homeText', owner: null, step: 'home', run: async (_page, _c, home) => home.text });

/** The home page's links and controls: the home visit's own read; every function is found from them. */
export const homeLinks = homeVisit({ fact: 'homeLinks', owner: null, step: 'home', run: async (_page, _c, home) => home.links });
