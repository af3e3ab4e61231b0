import { EvalError } from '../eval-error';
import { arrayAt, nullableNumberAt, numberAt, objectAt, stringAt } from './check-shape';
import { RESULTS_FORMAT, RESULTS_VERSION, type EvalResults } from './eval-results';
import { summarizeRuns, summarizeSweep } from './summarize-runs';

/**
 * Reads a parsed `results.json` back, checking its format tag and version, the
 * shape of every section the reports read, and that the stored summaries are
 * the aggregates of the stored runs (so no report can show a number that the
 * runs do not support).
 *
 * @throws EvalError naming the JSON path at fault.
 */
export function parseEvalResults(json: unknown): EvalResults {
  const root = objectAt(json, '$');
  if (root.format !== RESULTS_FORMAT) {
    throw new EvalError(
      `results: format is ${JSON.stringify(root.format)}; expected "${RESULTS_FORMAT}" ` +
        '(is this a results.json written by tmrm eval?)',
    );
  }
  if (root.version !== RESULTS_VERSION) {
    throw new EvalError(
      `results: version ${JSON.stringify(root.version)} is not supported; this tmrm reads ` +
        `version ${RESULTS_VERSION}; re-run tmrm eval with this version`,
    );
  }
  stringAt(root.createdAt, 'createdAt');
  const configuration = objectAt(root.configuration, 'configuration');
  arrayAt(configuration.models, 'configuration.models').forEach((m, i) =>
    stringAt(m, `configuration.models[${i}]`),
  );
  arrayAt(configuration.seeds, 'configuration.seeds').forEach((s, i) =>
    numberAt(s, `configuration.seeds[${i}]`),
  );
  objectAt(configuration.dataset, 'configuration.dataset');
  objectAt(configuration.budget, 'configuration.budget');
  objectAt(root.versions, 'versions');

  checkRuns(root.runs);
  checkSummaryMatches(root as unknown as EvalResults);
  checkSweeps(root.sweeps);
  checkRq2(root.rq2);
  checkPrequential(root.prequential);
  checkExamples(root.examples);
  arrayAt(root.notes, 'notes').forEach((note, i) => stringAt(note, `notes[${i}]`));
  return root as unknown as EvalResults;
}

function checkRuns(value: unknown): void {
  arrayAt(value, 'runs').forEach((entry, i) => {
    const run = objectAt(entry, `runs[${i}]`);
    stringAt(run.model, `runs[${i}].model`);
    for (const key of ['seed', 'auc', 'logloss', 'trainSeconds']) {
      numberAt(run[key], `runs[${i}].${key}`);
    }
  });
}

function checkSummaryMatches(results: EvalResults): void {
  const stored = arrayAt(results.summary, 'summary');
  const expected = summarizeRuns(results.runs);
  if (stored.length !== expected.length) {
    throw new EvalError(
      `results: summary has ${stored.length} models but runs cover ${expected.length}`,
    );
  }
  expected.forEach((want, i) => {
    const have = results.summary[i];
    const path = `summary[${i}]`;
    if (objectAt(have, path).model !== want.model) {
      throw new EvalError(`results: ${path}.model is ${have.model}; runs say ${want.model}`);
    }
    for (const metric of ['auc', 'logloss', 'trainSeconds'] as const) {
      const stat = objectAt(have[metric], `${path}.${metric}`);
      const mean = numberAt(stat.mean, `${path}.${metric}.mean`);
      const std = nullableNumberAt(stat.std, `${path}.${metric}.std`);
      const wantStd = want[metric].std;
      const off =
        Math.abs(mean - want[metric].mean) > 1e-9 ||
        (std === null) !== (wantStd === null) ||
        (std !== null && wantStd !== null && Math.abs(std - wantStd) > 1e-9);
      if (off) {
        throw new EvalError(
          `results: ${path}.${metric} does not aggregate the runs of ${want.model}`,
        );
      }
    }
  });
}

function checkSweeps(value: unknown): void {
  arrayAt(value, 'sweeps').forEach((entry, i) => {
    const path = `sweeps[${i}]`;
    const sweep = objectAt(entry, path);
    stringAt(sweep.parameter, `${path}.parameter`);
    stringAt(sweep.model, `${path}.model`);
    if (sweep.metric !== 'auc' && sweep.metric !== 'logloss') {
      throw new EvalError(
        `results: ${path}.metric is ${String(sweep.metric)}; expected auc or logloss`,
      );
    }
    const runs = arrayAt(sweep.runs, `${path}.runs`).map((r, j) => {
      const run = objectAt(r, `${path}.runs[${j}]`);
      for (const key of ['value', 'seed', 'auc', 'logloss', 'trainSeconds']) {
        numberAt(run[key], `${path}.runs[${j}].${key}`);
      }
      return run as unknown as {
        value: number;
        seed: number;
        auc: number;
        logloss: number;
        trainSeconds: number;
      };
    });
    const points = arrayAt(sweep.points, `${path}.points`);
    const expected = summarizeSweep(runs);
    if (points.length !== expected.length) {
      throw new EvalError(
        `results: ${path}.points has ${points.length} values; runs have ${expected.length}`,
      );
    }
    points.forEach((p, j) => {
      const point = objectAt(p, `${path}.points[${j}]`);
      const mean = numberAt(
        objectAt(point.auc, `${path}.points[${j}].auc`).mean,
        `${path}.points[${j}].auc.mean`,
      );
      if (point.value !== expected[j].value || Math.abs(mean - expected[j].auc.mean) > 1e-9) {
        throw new EvalError(`results: ${path}.points[${j}] does not aggregate its runs`);
      }
    });
  });
}

function checkRq2(value: unknown): void {
  const rq2 = objectAt(value, 'rq2');
  if (rq2.planted !== null) {
    const planted = objectAt(rq2.planted, 'rq2.planted');
    numberAt(planted.topK, 'rq2.planted.topK');
    numberAt(planted.samples, 'rq2.planted.samples');
    arrayAt(planted.plantedCrosses, 'rq2.planted.plantedCrosses');
    arrayAt(planted.strategies, 'rq2.planted.strategies').forEach((s, i) => {
      const path = `rq2.planted.strategies[${i}]`;
      const strategy = objectAt(s, path);
      stringAt(strategy.strategy, `${path}.strategy`);
      numberAt(strategy.precision, `${path}.precision`);
      numberAt(strategy.recall, `${path}.recall`);
    });
  }
  arrayAt(rq2.faithfulness, 'rq2.faithfulness').forEach((f, i) => {
    const path = `rq2.faithfulness[${i}]`;
    const entry = objectAt(f, path);
    stringAt(entry.model, `${path}.model`);
    for (const key of ['samples', 'meanFeaturesMasked', 'explainedDrop', 'randomDrop']) {
      numberAt(entry[key], `${path}.${key}`);
    }
    const difference = objectAt(entry.difference, `${path}.difference`);
    for (const key of ['mean', 'lower', 'upper', 'confidence']) {
      numberAt(difference[key], `${path}.difference.${key}`);
    }
  });
}

function checkPrequential(value: unknown): void {
  arrayAt(value, 'prequential').forEach((c, i) => {
    const path = `prequential[${i}]`;
    const curve = objectAt(c, path);
    stringAt(curve.model, `${path}.model`);
    numberAt(curve.miniBatchSize, `${path}.miniBatchSize`);
    numberAt(curve.windowSize, `${path}.windowSize`);
    arrayAt(curve.points, `${path}.points`).forEach((p, j) => {
      const point = objectAt(p, `${path}.points[${j}]`);
      numberAt(point.samples, `${path}.points[${j}].samples`);
      nullableNumberAt(point.auc, `${path}.points[${j}].auc`);
      numberAt(point.logloss, `${path}.points[${j}].logloss`);
    });
    const overall = objectAt(curve.overall, `${path}.overall`);
    nullableNumberAt(overall.auc, `${path}.overall.auc`);
    numberAt(overall.logloss, `${path}.overall.logloss`);
  });
}

function checkExamples(value: unknown): void {
  arrayAt(value, 'examples').forEach((e, i) => {
    const path = `examples[${i}]`;
    const example = objectAt(e, path);
    stringAt(example.model, `${path}.model`);
    stringAt(example.userId, `${path}.userId`);
    arrayAt(example.items, `${path}.items`).forEach((it, j) => {
      const item = objectAt(it, `${path}.items[${j}]`);
      stringAt(item.itemId, `${path}.items[${j}].itemId`);
      numberAt(item.score, `${path}.items[${j}].score`);
      arrayAt(item.explanation, `${path}.items[${j}].explanation`).forEach((x, k) => {
        const explanation = objectAt(x, `${path}.items[${j}].explanation[${k}]`);
        stringAt(explanation.text, `${path}.items[${j}].explanation[${k}].text`);
        numberAt(explanation.weight, `${path}.items[${j}].explanation[${k}].weight`);
      });
    });
  });
}
