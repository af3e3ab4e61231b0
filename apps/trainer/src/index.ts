export { readTrainerConfig, TRAINER_USAGE } from './trainer-config';
export type { TrainerConfig } from './trainer-config';
export { runTrainer } from './run-trainer';
