export { CHECK_IDS, CHECKS, type Check, type CheckId, isCheckId, judgeChecks, neededFacts } from './catalogue.js';
export { type CheckDefinition, defineCheck, FACT_COSTS, type FactCost, type FactKey, type Need, need } from './define.js';
export { describeLink, findLink } from './find.js';
export { LABELS, SEARCH_INPUT_HINTS } from './labels.js';
export {
  type Grade,
  gradeOf,
  PERFORMANCE_POINTS,
  type PerformanceInput,
  type Score,
  scoreChecks,
  scorePerformance,
  UNPAINTED_BREACH,
} from './score.js';
export { TLS_MIN_DAYS } from './tls-valid/index.js';
export { type CheckGroup, GROUP_WEIGHTS, type JudgeContext, type Judgement } from './types.js';
