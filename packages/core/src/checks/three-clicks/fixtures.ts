import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { threeClicks: { depth: 2, path: ['Thủ tục', 'Nộp hồ sơ'], pagesVisited: 3 } },
    fail: { threeClicks: { depth: null, path: [], pagesVisited: 12 } },
  },
  styles: {
    // The way to the form goes through a `goToPage` button.
    jsp: /Nộp hồ sơ trực tuyến/,
  },
});
