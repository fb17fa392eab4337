import { LABELS } from '@dvcwatch/core';
import { functionPage } from '../function-page.js';
import { gatherLogin } from '../pages.js';
import { ownPage } from './types.js';

/** The login page the home page links to (VNeID), reached without submitting anything. */
export const login = ownPage({
  fact: 'login',
  owner: 'login-vneid',
  needs: ['homeLinks'],
  steps: ['login-vneid'],
  run: (c, { homeLinks }) =>
    c.step('login-vneid', () =>
      functionPage(c, homeLinks, {
        id: 'login-vneid',
        labels: LABELS.login,
        read: gatherLogin,
        noLink: async () => ({ url: null, text: null, links: [] }),
        unopened: (url, error) => ({ url, text: null, links: [], error }),
      }),
    ),
});
