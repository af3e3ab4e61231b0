import type { EvalSplit, FlatRow } from '../data/eval-split';
import type { TrainedModel } from '../models/eval-model';
import type { ExampleRecommendation } from '../results/eval-results';
import { seededRandom, shuffled } from '../seeded-random';

/** Options for {@link exampleRecommendations}. */
export interface ExampleOptions {
  split: EvalSplit;
  /** Trained models by name; the first TMRM variant that explains is shown, else any. */
  models: Map<string, TrainedModel>;
  users: number;
  topK: number;
  seed: number;
}

/**
 * A few users' top-K test items, ranked by the best explaining model, each
 * with its feature paths: what a user of tmrm would see. Candidates are the
 * user's own test rows (their positives and sampled negatives), so whether
 * each shown item was really chosen is known and printed.
 */
export function exampleRecommendations(options: ExampleOptions): ExampleRecommendation[] {
  const { split, topK } = options;
  const userColumn = split.schema.user;
  const itemColumn = split.schema.item;
  if (!userColumn || !itemColumn || options.users <= 0) return [];
  const ranked = [...options.models].sort(
    ([a, ma], [b, mb]) => preference(a, ma) - preference(b, mb),
  );
  if (ranked.length === 0) return [];
  const [modelName, model] = ranked[0];

  const byUser = new Map<string, number[]>();
  split.test.rows.forEach((row, r) => {
    const user = String(row[userColumn]);
    byUser.set(user, [...(byUser.get(user) ?? []), r]);
  });
  const eligible = [...byUser].filter(
    ([, rows]) => rows.length > topK && rows.some((r) => split.test.labels[r] === 1),
  );
  const chosen = shuffled(eligible, seededRandom(options.seed)).slice(0, options.users);

  return chosen.map(([userId, rowIndices]) => {
    const rows: FlatRow[] = rowIndices.map((r) => split.test.rows[r]);
    const scores = model.predict(rows);
    const order = Array.from(rows.keys()).sort((a, b) => scores[b] - scores[a]);
    const seen = new Set<string>();
    const items = order
      .filter((i) => {
        const item = String(rows[i][itemColumn]);
        if (seen.has(item)) return false;
        seen.add(item);
        return true;
      })
      .slice(0, topK)
      .map((i) => ({
        itemId: String(rows[i][itemColumn]),
        score: scores[i],
        label: split.test.labels[rowIndices[i]],
        explanation: model.explain ? model.explain(rows[i], 3) : [],
      }));
    return { model: modelName, userId, items };
  });
}

function preference(name: string, model: TrainedModel): number {
  if (name === 'tmrm-hu') return 0;
  if (name.startsWith('tmrm')) return 1;
  return model.explain ? 2 : 3;
}
