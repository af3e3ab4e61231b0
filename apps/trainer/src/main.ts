import { createLogger, TmrmError } from '@tmrm/common';
import { readTrainerConfig, TRAINER_USAGE } from './trainer-config';
import { runTrainer } from './run-trainer';

// `tmrm-trainer`: the online trainer process. See TRAINER_USAGE for its configuration.
const log = createLogger({ name: 'trainer' });
try {
  const config = readTrainerConfig(process.argv.slice(2), process.env);
  if (config === 'help') {
    console.log(TRAINER_USAGE);
  } else {
    log.info({ config }, 'trainer starting');
    await runTrainer(config, log);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`tmrm-trainer: ${message}`);
  if (!(error instanceof TmrmError)) log.error({ err: error }, 'trainer failed');
  process.exitCode = 1;
}
// kafkajs can leave retry timers behind after disconnecting; the work is done, so leave.
process.exit();
