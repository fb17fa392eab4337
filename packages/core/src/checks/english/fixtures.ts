import { defineFixtures, FIXTURE_HOME, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('English', `${FIXTURE_HOME}en`)] },
    fail: { homeLinks: [fixtureLink('Entertainment', `${FIXTURE_HOME}giai-tri`)] },
  },
  styles: {
    // A flag image whose only words are its alt text; SharePoint's /en-us/ site.
    aspnet: /"English" \(https:\/\/127\.0\.0\.1:\d+\/en\/Default\.aspx\)/,
    sharepoint: /en-us/,
  },
});
