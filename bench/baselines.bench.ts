/**
 * Baseline speed: training samples/s at batch 512 for every baseline of the paper's comparison
 * (libs/model/src/baselines) on each TensorFlow.js backend present, on synthetic data shaped like
 * the ml-100k export (user, item, three categorical side fields, a multi-valued genre field, two
 * numeric fields) with the leaf ids of a real libs/gbdt ensemble (default 50 trees of depth 5).
 *
 *   npm run bench -- baselines [trainBatches=10] [trees=50]
 *
 * GBDT-CENT is timed on its online part (CENT) plus, separately, `fitTrees` on the whole set.
 * `NAME` is wall-clock samples/s; `NAME.perCpuSecond` divides by the process's CPU time instead,
 * which stays meaningful when other processes share the cores.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeLeaves, featureSpecs, matrixFromRecords, totalLeaves, trainGbdt } from '@tmrm/gbdt';
import {
  baselineNames,
  createBaseline,
  presentBackends,
  useBackend,
  type FieldSpec,
  type Sample,
} from '@tmrm/model';

const trainBatches = Number(process.argv[2] ?? 10);
const trees = Number(process.argv[3] ?? 50);
const batchSize = 512;
tf.env().set('PROD', true);

const fields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 2000, hashBuckets: 100 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 4000, hashBuckets: 100 },
  { name: 'gender', kind: 'categorical', vocabularyCap: 4, hashBuckets: 2 },
  { name: 'occupation', kind: 'categorical', vocabularyCap: 32, hashBuckets: 4 },
  { name: 'zip', kind: 'categorical', vocabularyCap: 200, hashBuckets: 20 },
  { name: 'genre', kind: 'multi', maxValues: 4, vocabularyCap: 32, hashBuckets: 4 },
  { name: 'age', kind: 'numeric' },
  { name: 'year', kind: 'numeric' },
];

/** mulberry32, so the data is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let z = (state = (state + 0x6d2b79f5) >>> 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function samples(count: number): Sample[] {
  const random = seeded(42);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const age = 15 + pick(50);
    const genre = [...new Set([`g${pick(18)}`, `g${pick(18)}`])];
    const logit = -1.6 + (age < 30 && genre.includes('g1') ? 2 : 0) + 0.5 * (random() - 0.5);
    return {
      fields: {
        user_id: `u${pick(943)}`,
        item_id: `i${pick(1682)}`,
        gender: random() < 0.5 ? 'F' : 'M',
        occupation: `o${pick(21)}`,
        zip: `z${pick(100)}`,
        genre,
        age,
        year: 1930 + pick(70),
      },
      label: random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0,
    };
  });
}

const data = samples(batchSize * trainBatches);
const numeric = ['age', 'year'];
const features = featureSpecs(numeric);
const matrix = matrixFromRecords(
  features,
  data.map((s) => ({ age: s.fields.age as number, year: s.fields.year as number })),
);
console.error(`training a ${trees}-tree GBDT for the leaf ids`);
const { ensemble } = await trainGbdt(
  { ...matrix, labels: Float64Array.from(data, (s) => s.label ?? 0) },
  { trees, maxDepth: 5, learningRate: 0.1 },
);
const leafIds = encodeLeaves(ensemble, matrix);
const treeCount = ensemble.trees.length;
data.forEach((s, b) => (s.leafIds = leafIds.slice(b * treeCount, (b + 1) * treeCount)));

const results: Record<string, Record<string, number>> = {};
for (const backend of await presentBackends()) {
  if (backend === 'cpu') continue; // 30-100x slower than wasm; a last resort only
  await useBackend(backend);
  results[backend] = {};
  for (const name of baselineNames) {
    const model = createBaseline(name, {
      fields,
      ensemble,
      embeddingSize: 8,
      hiddenUnits: [200, 200, 200],
      wideCrosses: [['gender', 'genre']],
      optimizer: { kind: 'adam', learningRate: 0.001 },
    });
    model.trainBatch(data.slice(0, batchSize)); // warm-up: kernels compiled, vocabularies filled
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < data.length; i += batchSize) model.trainBatch(data.slice(i, i + batchSize));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    results[backend][name] = Math.round(data.length / seconds);
    // On a shared machine wall time includes waiting for a core; CPU time does not.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    results[backend][`${name}.perCpuSecond`] = Math.round(data.length / cpuSeconds);
    if (model.fitTrees) {
      const fitStarted = performance.now();
      await model.fitTrees(data);
      results[backend][`${name}.fitTreesSeconds`] =
        Math.round((performance.now() - fitStarted) / 10) / 100;
    }
    console.error(`${backend} ${name}: ${results[backend][name]} samples/s`);
    model.dispose();
  }
}

console.log(
  JSON.stringify({
    benchmark: 'baselines',
    unit: 'training samples/s',
    batchSize,
    samples: data.length,
    trees: treeCount,
    leaves: totalLeaves(ensemble),
    results,
  }),
);
