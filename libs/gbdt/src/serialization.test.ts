import test from 'ava';
import { predictMargin } from './ensemble';
import { GbdtFormatError } from './errors';
import { encodeLeaves } from './leaf-encoder';
import { ensembleToJson, loadEnsemble, saveEnsemble } from './serialization';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';

test('a saved model loads back bit for bit', async (t) => {
  const data = syntheticClicks(3000, 1);
  const { ensemble } = await trainGbdt(data, { trees: 10, maxDepth: 4 });
  ensemble.trees[0].leafValue[0] = -0;
  const text = saveEnsemble(ensemble);
  const loaded = loadEnsemble(text);
  t.true(saveEnsemble(loaded) === text, 'saved again, the text is identical');
  t.true(Object.is(loaded.trees[0].leafValue[0], -0));
  t.deepEqual(loaded.features, ensemble.features);
  const before = new BigUint64Array(predictMargin(ensemble, data).buffer);
  const after = new BigUint64Array(predictMargin(loaded, data).buffer);
  t.deepEqual(after, before);
  t.deepEqual(encodeLeaves(loaded, data), encodeLeaves(ensemble, data));
});

test('another format or version fails clearly', async (t) => {
  const { ensemble } = await trainGbdt(syntheticClicks(200, 1), { trees: 1 });
  const json = ensembleToJson(ensemble) as Record<string, unknown>;
  t.throws(() => loadEnsemble(JSON.stringify({ ...json, version: 2 })), {
    instanceOf: GbdtFormatError,
    message: /tmrm-gbdt version 2 is not supported; this build reads version 1/,
  });
  t.throws(() => loadEnsemble(JSON.stringify({ learner: {} })), {
    message: /format undefined is not tmrm-gbdt/,
  });
  t.throws(() => loadEnsemble('{not json'), { message: /not JSON/ });
  const trees = json.trees as Record<string, unknown>[];
  const broken = { ...json, trees: [{ ...trees[0], left: [5] }] };
  t.throws(() => loadEnsemble(JSON.stringify(broken)), { message: /trees\[0\]/ });
});
