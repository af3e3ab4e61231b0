import { runAppMain } from '@tmrm/streaming';
import { readTrainerConfig, TRAINER_USAGE } from './trainer-config';
import { runTrainer } from './run-trainer';

// `tmrm-trainer`: the online trainer process. See TRAINER_USAGE for its configuration.
await runAppMain({
  name: 'trainer',
  usage: TRAINER_USAGE,
  readConfig: readTrainerConfig,
  run: runTrainer,
});
