import test, { type ExecutionContext } from 'ava';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { smallModel } from '../testing/model-factory';
import { plantedCrossLeaf, plantedCrossSamples } from '../testing/planted-cross-data';

const backends = await testBackends();

/** Area under the ROC curve by the rank-sum formula (ties get the mean rank). */
function auc(scores: Float32Array, labels: number[]): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let r = i; r <= j; r++) ranks[order[r]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  let rankSum = 0;
  labels.forEach((label, i) => (rankSum += label === 1 ? ranks[i] : 0));
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

// The default leaf-head gradient (0.1); TMRM_LEARNING_ABLATION=1 also runs the paper's full
// sharing and a detached leaf head, for comparison.
type LeafHeadGradient = 'default' | 'shared' | 'detached';
const variants: LeafHeadGradient[] = process.env.TMRM_LEARNING_ABLATION
  ? ['default', 'shared', 'detached']
  : ['default'];

for (const leafHeadGradient of variants) {
  const title = `TMRM-HU (${leafHeadGradient} leaf head) learns clicks and its explanations recover the planted cross`;
  test.serial(title, async (t) => learnsPlantedCross(t, leafHeadGradient));
}

async function learnsPlantedCross(t: ExecutionContext, leafHeadGradient: LeafHeadGradient) {
  await useBackend(backends[0]);
  const model = smallModel({
    taskWeighting: { kind: 'homoscedastic' },
    ...(leafHeadGradient === 'default' ? {} : { leafHeadGradient }),
  });
  const train = plantedCrossSamples(16_000, 1);
  for (let i = 0; i < train.length; i += 256) model.trainBatch(train.slice(i, i + 256));

  const heldOut = plantedCrossSamples(3_000, 2);
  const labels = heldOut.map((sample) => sample.label as number);
  const ctrAuc = auc(model.predict(heldOut), labels);
  const crossOnly = Float32Array.from(heldOut, (s) =>
    s.leafIds?.[0] === plantedCrossLeaf ? 1 : 0,
  );
  const crossAuc = auc(crossOnly, labels);
  t.log(
    `held-out CTR AUC ${ctrAuc.toFixed(3)}; knowing only the planted cross gives ${crossAuc.toFixed(3)}`,
  );
  t.true(ctrAuc > 0.65);

  // Top-1 explanation of each held-out positive: how often is it the planted cross leaf?
  const counts = model.leafActivationCounts as Float64Array;
  const positives = heldOut.filter((sample) => sample.label === 1);
  let byLift = 0;
  let byProbability = 0;
  let byRandomLeaf = 0;
  let byPopularLeaf = 0;
  let byRarestLeaf = 0;
  for (const sample of positives) {
    const leafIds = sample.leafIds as Int32Array;
    if (model.explain(sample, 1, 'lift').leaves[0].leafId === plantedCrossLeaf) byLift++;
    if (model.explain(sample, 1, 'probability').leaves[0].leafId === plantedCrossLeaf) {
      byProbability++;
    }
    if (leafIds.includes(plantedCrossLeaf)) byRandomLeaf += 1 / leafIds.length;
    const popular = [...leafIds].sort((a, b) => counts[b] - counts[a])[0];
    if (popular === plantedCrossLeaf) byPopularLeaf++;
    // Lift is log ŷ2 minus the log base rate, so it could win by rarity alone: check that.
    const rarest = [...leafIds].sort((a, b) => counts[a] - counts[b])[0];
    if (rarest === plantedCrossLeaf) byRarestLeaf++;
  }
  const rate = (hits: number) => (hits / positives.length).toFixed(3);
  t.log(`planted cross picked first among ${positives.length} held-out positives:`);
  t.log(`  TMRM-HU (lift ranking, default) ${rate(byLift)}`);
  t.log(`  TMRM-HU (raw head-2 probability) ${rate(byProbability)}`);
  t.log(`  a random active leaf (expected)  ${rate(byRandomLeaf)}`);
  t.log(`  the most popular active leaf     ${rate(byPopularLeaf)}`);
  t.log(`  the rarest active leaf           ${rate(byRarestLeaf)}`);
  t.true(byLift > 1.5 * byRandomLeaf);
  t.true(byLift > byPopularLeaf);
  t.true(byLift > byRarestLeaf);
}
