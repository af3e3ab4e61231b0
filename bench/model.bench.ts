/**
 * Stage-2 model speed: training samples/s at batch 512 for DeepFM and TMRM-HU (full leaf
 * head, p = 5,000 leaves in 100 trees) on each TensorFlow.js backend present, and scoring
 * latency (p50/p99) for one user and 100 candidates including explanations of the top 10.
 *
 *   npm run bench -- model [trainBatches=12] [scoringRequests=200] [leaves=synthetic|gbdt]
 *   npm run bench -- model accuracy [trainSamples=500000]
 *
 * Beside it, when python3 can import torch (Debian: apt-get install python3-torch), the same
 * network in PyTorch on one thread (`tmrm-pytorch.py`) trains on the identical samples: the
 * reference the speed goal is stated against. The `accuracy` mode trains DeepFM and TMRM-HU
 * once over the first `trainSamples` samples and reports test AUC and logloss on the rest, for
 * both implementations.
 *
 * TMRM_BENCH_BACKENDS=wasm,cpu restricts the backends measured (default: every one present).
 * With TMRM_PROFILE_STEPS=1 the JSON also gives TMRM-HU's CPU milliseconds per batch by phase
 * of the training step (lookup, upload, forward, backward, read-back, clipping, optimiser).
 *
 * Data: ml-100k from ../shared/datasets/ml-100k (https://files.grouplens.org/datasets/movielens/
 * ml-100k.zip), every rating a positive plus 5 random unrated items as negatives, fields
 * user_id, item_id, age, gender, occupation, zip prefix, genre (multi-valued), release year.
 * Leaf ids are by default synthetic: hashes of field pairs, 100 trees of exactly 50 leaves
 * (p = 5,000); speed does not depend on which leaf is active. With `leaves=gbdt` as the fourth
 * argument they come from a libs/gbdt ensemble (100 trees, at most 50 leaves) trained on the
 * first 60,000 samples. (That mode once seemed to hang after training: libs/gbdt's leafPaths
 * built an Intl collator per label comparison, ~15 s per tree over user and item ids; fixed.)
 *
 * Numbers are wall-clock and per CPU-second of this process: the backends run single-threaded,
 * so on an oversubscribed machine the CPU-second figures estimate what an idle core would do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {
  encodeLeaves,
  featureSpecs,
  leafOffsets,
  leafPaths,
  matrixFromRecords,
  trainGbdt,
} from '@tmrm/gbdt';
import { auc, logLoss } from '@tmrm/eval';
import {
  TmrmModel,
  activeBackend,
  profilingSteps,
  takePhaseTotals,
  presentBackends,
  useBackend,
  type FeaturePath,
  type FieldSpec,
  type Sample,
} from '@tmrm/model';
import { pythonWith } from './python';

const accuracyMode = process.argv[2] === 'accuracy';
const accuracyTrainSamples = accuracyMode ? Number(process.argv[3] ?? 500_000) : 0;
const trainBatches = accuracyMode ? 0 : Number(process.argv[2] ?? 12);
const scoringRequests = accuracyMode ? 0 : Number(process.argv[3] ?? 200);
const leafSource = process.argv[4] === 'gbdt' ? 'gbdt' : 'synthetic';
const folder = new URL('../../shared/datasets/ml-100k/', import.meta.url);
const treeCount = 100;
const leavesPerTree = 50;
tf.env().set('PROD', true);

const fields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 2000, hashBuckets: 100 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 4000, hashBuckets: 100 },
  { name: 'age', kind: 'numeric' },
  { name: 'gender', kind: 'categorical', vocabularyCap: 4, hashBuckets: 2 },
  { name: 'occupation', kind: 'categorical', vocabularyCap: 32, hashBuckets: 4 },
  { name: 'zip', kind: 'categorical', vocabularyCap: 200, hashBuckets: 20 },
  { name: 'genre', kind: 'multi', maxValues: 4, vocabularyCap: 32, hashBuckets: 4 },
  { name: 'year', kind: 'numeric' },
];

function loadSamples(): Sample[] {
  if (!existsSync(new URL('u.data', folder))) {
    throw new Error(`ml-100k not found in ${folder.pathname}; download it (see bench header)`);
  }
  const lines = (file: string) => readFileSync(new URL(file, folder), 'latin1').trim().split('\n');
  const users = new Map(
    lines('u.user').map((line) => {
      const [id, age, gender, occupation, zip] = line.split('|');
      return [id, { age: Number(age), gender, occupation, zip: zip.slice(0, 2) }];
    }),
  );
  const genreNames = lines('u.genre')
    .filter(Boolean)
    .map((line) => line.split('|')[0]);
  const items = new Map(
    lines('u.item').map((line) => {
      const parts = line.split('|');
      const genre = parts.slice(5).flatMap((flag, g) => (flag === '1' ? [genreNames[g]] : []));
      return [parts[0], { genre, year: Number(parts[2].slice(-4)) || 0 }];
    }),
  );
  const itemIds = [...items.keys()];
  const rated = new Set<string>();
  const ratings = lines('u.data').map((line) => line.split('\t'));
  for (const [user, item] of ratings) rated.add(`${user}:${item}`);
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const samples: Sample[] = [];
  const make = (user: string, item: string, label: number): Sample => {
    const u = users.get(user) as { age: number; gender: string; occupation: string; zip: string };
    const i = items.get(item) as { genre: string[]; year: number };
    const sample: Sample = {
      fields: { user_id: user, item_id: item, ...u, genre: i.genre, year: i.year },
      label,
    };
    return sample;
  };
  for (const [user, item] of ratings) {
    samples.push(make(user, item, 1));
    for (let n = 0; n < 5; n++) {
      let negative = itemIds[Math.floor(next() * itemIds.length)];
      while (rated.has(`${user}:${negative}`))
        negative = itemIds[Math.floor(next() * itemIds.length)];
      samples.push(make(user, negative, 0));
    }
  }
  for (let i = samples.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [samples[i], samples[j]] = [samples[j], samples[i]];
  }
  genreList = genreNames;
  return samples;
}

let genreList: string[] = [];
let treeLeafCounts: number[] = Array(treeCount).fill(leavesPerTree);
// Leaf paths are rendered once and looked up, as libs/streaming's LeafEncoding does, so the
// scoring latency does not include building path objects.
const syntheticPaths: FeaturePath[] = Array.from(
  { length: treeCount * leavesPerTree },
  (_, id) => ({
    conditions: [{ feature: `tree${Math.floor(id / leavesPerTree)}`, op: '=', value: `${id}` }],
    text: `synthetic leaf ${id}`,
    weight: 0.1,
  }),
);
let describeLeaf = (leafId: number): FeaturePath => syntheticPaths[leafId];
let leavesOf: (batch: Sample[]) => Int32Array[] = (batch) => batch.map(syntheticLeaves);

/** Trains the stage-1 GBDT on the first 60,000 samples and encodes every sample's leaves. */
async function useGbdtLeaves(samples: Sample[]) {
  const categorical = ['user_id', 'item_id', 'gender', 'occupation', 'zip'];
  const numeric = ['age', 'year', ...genreList.map((g) => `genre=${g}`)];
  const features = featureSpecs([...categorical, ...numeric], categorical);
  const records = (batch: Sample[]) =>
    batch.map(({ fields }) => {
      const record: Record<string, string | number> = {};
      for (const name of [...categorical, 'age', 'year']) record[name] = fields[name] as string;
      for (const g of genreList)
        record[`genre=${g}`] = (fields.genre as string[]).includes(g) ? 1 : 0;
      return record;
    });
  const train = samples.slice(0, 60_000);
  const matrix = matrixFromRecords(features, records(train), { growCategories: true });
  const labels = Float64Array.from(train, (s) => s.label as number);
  const started = performance.now();
  const { ensemble } = await trainGbdt(
    { ...matrix, labels },
    { trees: treeCount, maxLeaves: leavesPerTree, maxDepth: 0 },
  );
  const seconds = (performance.now() - started) / 1000;
  console.error(`gbdt: ${ensemble.trees.length} trees trained in ${seconds.toFixed(1)} s`);
  const offsets = leafOffsets(ensemble);
  treeLeafCounts = Array.from(
    { length: ensemble.trees.length },
    (_, t) => offsets[t + 1] - offsets[t],
  );
  const paths = leafPaths(ensemble);
  console.error(`gbdt: ${offsets[ensemble.trees.length]} leaf paths rendered`);
  const featurePaths: FeaturePath[] = paths.map((path) => ({
    conditions: path.conditions.map(({ feature, op, value }) => ({ feature, op, value })),
    text: path.text,
    weight: path.value,
  }));
  describeLeaf = (leafId) => featurePaths[leafId];
  const trees = ensemble.trees.length;
  leavesOf = (batch) => {
    const ids = encodeLeaves(ensemble, matrixFromRecords(features, records(batch)));
    return batch.map((_, i) => ids.slice(i * trees, (i + 1) * trees));
  };
  return { trees, leaves: offsets[trees], trainSeconds: Number(seconds.toFixed(1)) };
}

const fieldNames = fields.map((field) => field.name);
function syntheticLeaves(sample: Sample): Int32Array {
  return Int32Array.from({ length: treeCount }, (_, t) => {
    const a = String(sample.fields[fieldNames[t % fieldNames.length]]);
    const b = String(sample.fields[fieldNames[(t * 7 + 3) % fieldNames.length]]);
    let hash = 2166136261 ^ t;
    for (const ch of `${a}|${b}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
    return t * leavesPerTree + ((hash >>> 0) % leavesPerTree);
  });
}

function trainingSpeed(samples: Sample[], variant: 'DeepFM' | 'TMRM-HU', batches: number) {
  const model = TmrmModel.create({
    fields,
    leafSpace: variant === 'DeepFM' ? null : { treeLeafCounts, version: leafSource },
    taskWeighting: { kind: 'homoscedastic' },
    describeLeaf,
  });
  model.trainBatch(samples.slice(0, 512));
  takePhaseTotals(1);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let b = 1; b <= batches; b++) model.trainBatch(samples.slice(b * 512, (b + 1) * 512));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuStarted);
  console.error(`${activeBackend()} ${variant}: ${batches} batches in ${seconds.toFixed(1)} s`);
  return {
    model,
    samplesPerSecond: Math.round((batches * 512) / seconds),
    samplesPerCpuSecond: Math.round((batches * 512) / cpuSeconds),
    ...(profilingSteps() ? { cpuMsPerBatchByPhase: takePhaseTotals(batches) } : {}),
  };
}

/**
 * CPU seconds of this process since `start`. The backends run single-threaded here, so on an
 * oversubscribed machine samples per CPU-second estimate what an idle core would do.
 */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function scoringLatency(model: TmrmModel, samples: Sample[]) {
  const user = samples[0].fields;
  const candidates: Sample[] = samples.slice(0, 100).map((s) => ({
    fields: { ...s.fields, user_id: user.user_id, age: user.age },
  }));
  leavesOf(candidates).forEach((ids, i) => (candidates[i].leafIds = ids));
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < scoringRequests + 10; r++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    model.score(candidates, { explainTop: 10, topK: 3 });
    if (r >= 10) {
      times.push(performance.now() - started);
      cpuTimes.push(cpuSecondsSince(cpuStarted) * 1000);
    }
  }
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2));
  };
  return {
    p50Ms: at(times, 0.5),
    p99Ms: at(times, 0.99),
    cpuP50Ms: at(cpuTimes, 0.5),
    cpuP99Ms: at(cpuTimes, 0.99),
    requests: scoringRequests,
  };
}

/**
 * Loads the export, trains the GBDT when asked, and keeps only the samples the timed parts
 * use. Why: the 600,000 parsed samples are ~150 MB of small objects; kept alive, every full
 * garbage collection during timing walked them (1 to 2 s each on the loaded machine), a cost
 * that a trainer or scorer reading a stream does not pay.
 */
async function prepareSamples() {
  const all = loadSamples();
  console.error(`ml-100k: ${all.length} samples (1 positive : 5 negatives)`);
  const gbdt = leafSource === 'gbdt' ? await useGbdtLeaves(all) : null;
  const needed = all.slice(0, 512 * (trainBatches + 2));
  leavesOf(needed).forEach((ids, i) => (needed[i].leafIds = ids));
  console.error(`leaf ids of ${needed.length} samples encoded`);
  return { sampleCount: all.length, gbdt, samples: needed };
}

/**
 * FNV-1a over the first 1,000 samples' user, item and label: tmrm-pytorch.py computes the same,
 * so equal fingerprints show both sides trained on identical data.
 */
function fingerprint(all: Sample[]): number {
  let hash = 2166136261;
  for (const { fields, label } of all.slice(0, 1000)) {
    for (const ch of `${fields.user_id}|${fields.item_id}|${label};`)
      hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  }
  return hash >>> 0;
}

/** The PyTorch reference, or why it did not run. */
function runPytorch(mode: 'speed' | 'auc', amount: number): Record<string, unknown> {
  const python = pythonWith('torch');
  if (!python) return { skipped: 'python3 cannot import torch (apt-get install python3-torch)' };
  console.error(`PyTorch reference (${python}, ${mode}, ${amount}) ...`);
  const script = fileURLToPath(new URL('./tmrm-pytorch.py', import.meta.url));
  const result = spawnSync(python, [script, fileURLToPath(folder), mode, String(amount)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) return { failed: result.stderr.slice(-500) };
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** One pass of DeepFM and TMRM-HU over the first samples; test AUC and logloss on the rest. */
async function accuracy() {
  const all = loadSamples();
  leavesOf(all).forEach((ids, i) => (all[i].leafIds = ids));
  const train = all.slice(0, accuracyTrainSamples);
  const test = all.slice(accuracyTrainSamples);
  const labels = Float64Array.from(test, (sample) => sample.label as number);
  const results: Record<string, unknown> = {};
  for (const variant of ['DeepFM', 'TMRM-HU'] as const) {
    const model = TmrmModel.create({
      fields,
      leafSpace: variant === 'DeepFM' ? null : { treeLeafCounts, version: leafSource },
      taskWeighting: { kind: 'homoscedastic' },
      describeLeaf,
    });
    const started = performance.now();
    for (let b = 0; b < train.length; b += 512) model.trainBatch(train.slice(b, b + 512));
    const trainSeconds = (performance.now() - started) / 1000;
    const probabilities = new Float64Array(test.length);
    for (let b = 0; b < test.length; b += 4096)
      probabilities.set(model.predict(test.slice(b, b + 4096)), b);
    results[variant === 'DeepFM' ? 'deepFm' : 'tmrmHu'] = {
      testAuc: auc(labels, probabilities),
      testLogloss: logLoss(labels, probabilities),
      trainSeconds: Number(trainSeconds.toFixed(1)),
    };
    console.error(`${activeBackend()} ${variant}: ${JSON.stringify(results)}`);
    model.dispose();
  }
  console.log(
    JSON.stringify({
      bench: 'model accuracy',
      data: 'ml-100k, all ratings as positives + 5 sampled negatives each, in one shuffled order',
      fingerprint: fingerprint(all),
      trainSamples: train.length,
      testSamples: test.length,
      leafIds: { source: 'synthetic hashes of field pairs', leaves: treeCount * leavesPerTree },
      backend: activeBackend(),
      tmrm: results,
      pytorch: runPytorch('auc', accuracyTrainSamples),
      loadAverage1m: Number(loadavg()[0].toFixed(1)),
    }),
  );
}

/** TMRM_BENCH_BACKENDS as a list, or undefined for every backend present. */
function wantedBackendNames(): string[] | undefined {
  return process.env.TMRM_BENCH_BACKENDS?.split(',').map((name) => name.trim());
}

if (accuracyMode) {
  const present = await presentBackends();
  const wanted = present.filter((name) => wantedBackendNames()?.includes(name) ?? true);
  await useBackend(wanted[0] ?? present[0]);
  await accuracy();
  process.exit(0);
}

const { sampleCount, gbdt, samples } = await prepareSamples();
const results: Record<string, unknown> = {};
const benchBackends = (await presentBackends()).filter(
  (name) => wantedBackendNames()?.includes(name) ?? true,
);
for (const backend of benchBackends) {
  await useBackend(backend);
  const batches = backend === 'cpu' ? 1 : trainBatches;
  const deepFm = trainingSpeed(samples, 'DeepFM', batches);
  const tmrm = trainingSpeed(samples, 'TMRM-HU', batches);
  results[backend] = {
    trainBatches: batches,
    deepFmSamplesPerSecond: deepFm.samplesPerSecond,
    deepFmSamplesPerCpuSecond: deepFm.samplesPerCpuSecond,
    tmrmHuSamplesPerSecond: tmrm.samplesPerSecond,
    tmrmHuSamplesPerCpuSecond: tmrm.samplesPerCpuSecond,
    ...(tmrm.cpuMsPerBatchByPhase ? { tmrmHuCpuMsPerBatchByPhase: tmrm.cpuMsPerBatchByPhase } : {}),
    scoring100CandidatesTop10Explained: scoringLatency(tmrm.model, samples),
  };
}
console.log(
  JSON.stringify({
    bench: 'model',
    data: 'ml-100k, all ratings as positives + 5 sampled negatives each',
    samples: sampleCount,
    batchSize: 512,
    network: { embeddingSize: 8, hiddenUnits: [200, 200, 200] },
    leafIds: gbdt
      ? { source: 'libs/gbdt, trained on the first 60,000 samples', ...gbdt }
      : {
          source: 'synthetic hashes of field pairs',
          trees: treeCount,
          leaves: treeCount * leavesPerTree,
        },
    loadAverage1m: Number(loadavg()[0].toFixed(1)),
    cores: cpus().length,
    threads: 1,
    fingerprint: fingerprint(samples),
    backends: results,
    pytorchOneThread: leafSource === 'synthetic' ? runPytorch('speed', trainBatches) : null,
  }),
);
