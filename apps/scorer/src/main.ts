import { runAppMain } from '@tmrm/streaming';
import { readScorerConfig, SCORER_USAGE } from './scorer-config';
import { runScorer } from './run-scorer';

// `tmrm-scorer`: answers recommendation requests with explained rankings. See SCORER_USAGE.
await runAppMain({
  name: 'scorer',
  usage: SCORER_USAGE,
  readConfig: readScorerConfig,
  run: runScorer,
});
