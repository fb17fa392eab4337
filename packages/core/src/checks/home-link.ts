import type { Facts } from '../artifacts.js';
import { matches } from '../text.js';
import { describeLink, findLink, lookedFor } from './find.js';
import { fail, type Judgement, notGathered, pass, unknown } from './types.js';

/** A home-page link carrying one of `labels` (Decree 42/2022 functions that are simply offered as links). */
export const homeLink =
  (labels: readonly string[], what: string, vague: readonly string[] = []) =>
  (facts: Facts): Judgement => {
    if (facts.homeLinks === null) return notGathered('liên kết trang chủ');
    const found = findLink(facts.homeLinks, labels);
    if (found) return pass(`Thấy ${describeLink(found.link)} trên trang chủ`);
    // Some portals render the function as text without a link (a card or a tab).
    const inText = matches(facts.homeText, labels);
    if (inText) return pass(`Thấy "${inText}" trong nội dung trang chủ`);
    // A bare menu item ("ĐÁNH GIÁ") may or may not be the function: a person could say either, so no guess.
    const maybe = vague.length > 0 ? findLink(facts.homeLinks, vague) : null;
    if (maybe) return unknown(`Chỉ thấy ${describeLink(maybe.link)}: không rõ có phải ${what}`);
    return fail(`Không thấy ${what} trên trang chủ (đã tìm ${lookedFor(labels)})`);
  };
