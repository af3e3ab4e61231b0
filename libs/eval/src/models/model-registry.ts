import { EvalError } from '../eval-error';
import type { ModelTrainer } from './eval-model';
import { baselineTrainer } from './baseline-model';
import { gbdtTrainer } from './gbdt-model';
import { networkTrainer } from './network-model';

/**
 * Every model name `tmrm eval --models` accepts, in the paper's order. DeepFM
 * is TmrmModel without head 2; GBDT alone is the early-stopped stage-1
 * ensemble; the other baselines are libs/model's, under the same loop.
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
    ...(
      [
        ['widedeep', 'Wide&Deep: LR with user x item crosses plus an MLP on embeddings', false],
        ['ffm', 'field-aware factorization machine', false],
        ['fm', 'factorization machine', false],
        ['lr', 'logistic regression on the features', false],
        ['gbdt-lr', 'GBDT+LR: logistic regression on the one-hot stage-1 leaves', true],
        ['tem', 'TEM: attention of (user, item) over stage-1 leaf embeddings', true],
        ['gbdt-cent', 'GBDT-CENT: FM on categorical fields plus per-value numerical trees', false],
      ] as const
    ).map(([name, description, readsLeaves]) =>
      baselineTrainer({ name, description, readsLeaves }),
    ),
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
