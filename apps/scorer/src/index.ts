export { readScorerConfig, SCORER_USAGE } from './scorer-config';
export type { ScorerConfig } from './scorer-config';
export { runScorer } from './run-scorer';
