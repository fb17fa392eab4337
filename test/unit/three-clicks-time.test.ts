import { describe, expect, it } from 'vitest';
import { gatherThreeClicks } from '../../packages/probe/src/facts/three-clicks.js';

const link = (text: string, href: string) => ({ text, href, ariaLabel: null, title: null });
const start = (links: ReturnType<typeof link>[]) => ({ home: 'https://dvc.example.vn/', links, entry: null });
const never = async (): Promise<never> => {
  throw new Error('no page may open in this test');
};

describe('the three-clicks walk when its time runs out (issue 19: unknown, never a guessed fail)', () => {
  it('throws, so the check is unknown with the reason, when pages were left to look at', async () => {
    const links = [link('Thủ tục hành chính', 'https://dvc.example.vn/thu-tuc'), link('Tin tức', 'https://dvc.example.vn/tin')];
    await expect(gatherThreeClicks(never, start(links), { until: Date.now() - 1 })).rejects.toThrow(
      /hết thời gian khi còn 2 trang chưa xem \(đã xem 1 trang\)/,
    );
  });

  it('answers "not reached" when it looked at every page it could', async () => {
    await expect(gatherThreeClicks(never, start([]), { until: Date.now() + 10_000 })).resolves.toEqual({
      depth: null,
      path: [],
      pagesVisited: 1,
    });
  });
});
