export { CHECK_IDS, CHECKS, judgeChecks } from './catalogue.js';
export { describeLink, findLink } from './find.js';
export { TLS_MIN_DAYS } from './judges-security.js';
export { LABELS, SEARCH_INPUT_HINTS } from './labels.js';
export {
  type Grade,
  gradeOf,
  PERFORMANCE_POINTS,
  type PerformanceInput,
  type Score,
  scoreChecks,
  scorePerformance,
} from './score.js';
export { type Check, type CheckGroup, GROUP_WEIGHTS, type JudgeContext, type Judgement } from './types.js';
