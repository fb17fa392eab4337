import { collect, settle } from '../dom.js';
import { ownPage } from './types.js';

/**
 * The procedure page the search leads to (or the `url` override, or the form page). The form page stands in only
 * when the search finished and led to no procedure: a search that did not finish leaves the procedure unread
 * (`unknown`), never judged from another page (issue 19).
 */
export const procedureText = ownPage({
  fact: 'procedureText',
  owner: 'procedure-info',
  needs: ['searchVisit'],
  steps: ['search', 'procedure'],
  run: async (c, { searchVisit }) => {
    const override = c.override('procedure-info').url;
    if (!override && searchVisit === null) return null;
    const lead = searchVisit ?? { procedureHref: null, procedure: null };
    if (!override && lead.procedure) return lead.procedure.text;
    const url = override ?? lead.procedureHref ?? c.formUrl;
    if (!url) return null;
    return c.step('procedure', () =>
      c.open(url, async (page) => {
        await settle(page);
        return (await collect(page, 0)).text;
      }),
    );
  },
});
