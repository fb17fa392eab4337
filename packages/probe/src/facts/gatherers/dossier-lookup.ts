import { LABELS } from '@dvcwatch/core';
import { functionPage } from '../function-page.js';
import { lookupWithoutLink } from '../lookup.js';
import { gatherDossierLookup } from '../pages.js';
import { ownPage } from './types.js';

/** The dossier lookup the home page links to (or holds, or a vaguer "Tra cứu" leads to): its dossier-code field. */
export const dossierLookup = ownPage({
  fact: 'dossierLookup',
  owner: 'dossier-lookup',
  needs: ['homeLinks'],
  steps: ['dossier-lookup'],
  run: (c, { homeLinks }) => {
    const selector = c.override('dossier-lookup').selector;
    return c.step('dossier-lookup', () =>
      functionPage(c, homeLinks, {
        id: 'dossier-lookup',
        labels: LABELS.dossierLookup,
        read: (page, reached) => gatherDossierLookup(page, reached, selector),
        noLink: () => lookupWithoutLink(c.open, c.homeUrl, homeLinks, selector),
        unopened: (url, error) => ({ url, codeFieldFound: false, evidence: null, error }),
      }),
    );
  },
});
