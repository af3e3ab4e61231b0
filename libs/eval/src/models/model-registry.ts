import { EvalError } from '../eval-error';
import type { ModelTrainer } from './eval-model';
import { gbdtTrainer } from './gbdt-model';
import { networkTrainer } from './network-model';

/**
 * Every model name `tmrm eval --models` accepts, in the paper's order, and
 * whether this build can train it. Baselines that libs/model does not provide
 * yet are listed so the error can say what exists and what is still to come.
 */
export const ALL_MODEL_NAMES = [
  'tmrm-hu',
  'tmrm-ow',
  'deepfm',
  'widedeep',
  'ffm',
  'fm',
  'lr',
  'gbdt',
  'gbdt-lr',
  'tem',
  'gbdt-cent',
] as const;

const trainers = new Map<string, ModelTrainer>(
  [
    networkTrainer({
      name: 'tmrm-hu',
      description: 'TMRM, tasks weighted by homoscedastic uncertainty (paper eq. 10)',
      taskWeighting: { kind: 'homoscedastic' },
    }),
    networkTrainer({
      name: 'tmrm-ow',
      description: 'TMRM, optimal task weights on the simplex with an L2 penalty (paper eq. 9)',
      taskWeighting: { kind: 'optimal-weights', penaltyLambda: 1 },
    }),
    networkTrainer({
      name: 'deepfm',
      description: 'DeepFM: TMRM without head 2',
      taskWeighting: null,
    }),
    gbdtTrainer,
  ].map((trainer) => [trainer.name, trainer]),
);

/** Names this build can train, in the paper's order. */
export function availableModels(): string[] {
  return ALL_MODEL_NAMES.filter((name) => trainers.has(name));
}

/**
 * The trainers for the asked names, in the order asked.
 *
 * @throws EvalError naming the unknown or not-yet-available models and listing
 *   the available ones.
 */
export function modelTrainers(names: readonly string[]): ModelTrainer[] {
  const known = new Set<string>(ALL_MODEL_NAMES);
  const unknown = names.filter((name) => !known.has(name));
  const missing = names.filter((name) => known.has(name) && !trainers.has(name));
  if (unknown.length > 0 || missing.length > 0 || names.length === 0) {
    const parts = [
      names.length === 0 ? 'no models given' : '',
      unknown.length ? `unknown model(s): ${unknown.join(', ')}` : '',
      missing.length ? `not available in this build yet: ${missing.join(', ')}` : '',
    ].filter(Boolean);
    throw new EvalError(
      `--models: ${parts.join('; ')}. Available: ${availableModels().join(', ')}`,
    );
  }
  return [...new Set(names)].map((name) => trainers.get(name) as ModelTrainer);
}

/** The trainer of one available model (for sweeps and RQ2), or null. */
export function modelTrainer(name: string): ModelTrainer | null {
  return trainers.get(name) ?? null;
}
