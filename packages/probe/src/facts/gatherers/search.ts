import { settle } from '../dom.js';
import { gatherSearch, type SearchFacts } from '../search.js';
import { ownPage, type PageRead } from './types.js';

/** The search page's visit (step `search`): the search, and the procedure page it leads to, read once for both. */
export const searchVisit: PageRead<SearchFacts> = {
  where: 'own-page',
  read: (c) =>
    c.step('search', () =>
      c.open(c.override('search').url ?? c.homeUrl, async (page) => {
        await settle(page);
        return gatherSearch(page, c.override('search').selector);
      }),
    ),
};

/** "khai sinh" typed into the portal's search box, and the results it gave. */
export const search = ownPage({
  fact: 'search',
  owner: 'search',
  needs: ['searchVisit'],
  steps: ['search'],
  run: async (_c, { searchVisit }) => {
    if (!searchVisit) return null;
    const { procedureHref: _href, procedure: _page, ...fact } = searchVisit;
    return fact;
  },
});
