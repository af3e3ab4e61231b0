import {
  encodeLeaves,
  featureSpecs,
  leafPaths,
  matrixFromRecords,
  trainGbdt,
  type Ensemble,
} from '@tmrm/gbdt';
import type { DescribeLeaf } from '../feature-path';
import type { Sample } from '../input/sample';

/**
 * Trains a small libs/gbdt ensemble on the numeric fields of labelled samples and attaches
 * every sample's leaf ids (for tests and the baselines benchmark of the leaf-reading models).
 */
export async function withGbdtLeaves(
  train: Sample[],
  others: Sample[][],
  options: { numericFields: string[]; trees: number; depth: number },
): Promise<{ ensemble: Ensemble; describeLeaf: DescribeLeaf }> {
  const features = featureSpecs(options.numericFields);
  const records = (samples: Sample[]) =>
    samples.map((sample) =>
      Object.fromEntries(
        options.numericFields.map((name) => [name, sample.fields[name] as number]),
      ),
    );
  const matrix = matrixFromRecords(features, records(train));
  const labels = Float64Array.from(train, (sample) => sample.label ?? 0);
  const { ensemble } = await trainGbdt(
    { ...matrix, labels },
    { trees: options.trees, maxDepth: options.depth, learningRate: 0.3 },
  );
  for (const samples of [train, ...others]) {
    const ids = encodeLeaves(ensemble, matrixFromRecords(features, records(samples)));
    const treeCount = ensemble.trees.length;
    samples.forEach((sample, b) => {
      sample.leafIds = ids.slice(b * treeCount, (b + 1) * treeCount);
    });
  }
  const paths = leafPaths(ensemble);
  const describeLeaf: DescribeLeaf = (leafId) => {
    const path = paths[leafId];
    const conditions = path.conditions.map(({ feature, op, value }) => ({ feature, op, value }));
    return { conditions, text: path.text, weight: path.value };
  };
  return { ensemble, describeLeaf };
}
