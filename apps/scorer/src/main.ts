import { createLogger, TmrmError } from '@tmrm/common';
import { readScorerConfig, SCORER_USAGE } from './scorer-config';
import { runScorer } from './run-scorer';

// `tmrm-scorer`: answers recommendation requests with explained rankings. See SCORER_USAGE.
const log = createLogger({ name: 'scorer' });
try {
  const config = readScorerConfig(process.argv.slice(2), process.env);
  if (config === 'help') {
    console.log(SCORER_USAGE);
  } else {
    log.info({ config }, 'scorer starting');
    await runScorer(config, log);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`tmrm-scorer: ${message}`);
  if (!(error instanceof TmrmError)) log.error({ err: error }, 'scorer failed');
  process.exitCode = 1;
}
// kafkajs can leave retry timers behind after disconnecting; the work is done, so leave.
process.exit();
