import test from 'ava';
import { compileCondition } from '@tmrm/datasets';
import { seededRandom } from '@tmrm/common';
import { LeafEncoding } from './leaf-encoding';
import type { Sample } from './types';

function samples(count: number, seed: number): Sample[] {
  const random = seededRandom(seed);
  const devices = ['tv', 'phone', 'web'];
  const genres = ['Drama', 'Comedy', 'Action'];
  return Array.from({ length: count }, (_, i) => {
    const age = 18 + Math.floor(random() * 50);
    const device = devices[Math.floor(random() * 3)];
    const genre = genres.filter(() => random() < 0.4);
    const price = Math.round(random() * 1000) / 10;
    const planted = (age >= 30 && device === 'tv' ? 2 : 0) + (genre.includes('Drama') ? 1 : -1);
    const label = random() < 1 / (1 + Math.exp(-planted)) ? 1 : 0;
    return {
      fields: { user_id: `u${i % 7}`, item_id: `i${i % 5}`, age, device, genre, price },
      label,
    };
  });
}

test('every sample satisfies the conditions of each leaf it reaches', async (t) => {
  const encoding = await LeafEncoding.fit(samples(2_000, 1), 'g1', { trees: 8, maxDepth: 4 });
  t.is(encoding.treeLeafCounts.length, 8);
  t.is(
    encoding.leafCount,
    encoding.treeLeafCounts.reduce((a, b) => a + b, 0),
  );
  const fresh = samples(500, 2);
  encoding.encode(fresh);
  let checked = 0;
  for (const sample of fresh) {
    t.is(sample.leafIds?.length, 8);
    for (const leafId of sample.leafIds ?? []) {
      const path = encoding.describeLeaf(leafId);
      for (const condition of path.conditions) {
        t.true(
          compileCondition(condition)(sample.fields),
          `${path.text} for ${JSON.stringify(sample.fields)}`,
        );
        checked += 1;
      }
    }
  }
  t.true(checked > 1_000);
  const texts = encoding.paths.map((path) => path.text).join('\n');
  t.regex(texts, /age (>=|<|in) /);
  t.regex(texts, /device (=|!=|in|not in) /);
  t.notRegex(texts, /user_id|item_id/);
});

test('each refresh mode keeps its promise about leaf ids', async (t) => {
  const old = await LeafEncoding.fit(samples(1_000, 3), 'g1', { trees: 4, maxDepth: 3 });
  const window = samples(1_000, 4);
  const refit = await old.refresh('refit', window, 'g2', { trees: 4, maxDepth: 3 });
  t.is(refit.change.kind, 'unchanged');
  t.deepEqual(refit.encoding.treeLeafCounts, old.treeLeafCounts);
  t.deepEqual(refit.encoding.leafIdsOf(window), old.leafIdsOf(window));
  const grown = await old.refresh('continue', window, 'g3', { maxDepth: 3, continueTrees: 2 });
  t.is(grown.change.kind, 'appended');
  t.is(grown.encoding.treeLeafCounts.length, 6);
  t.deepEqual(grown.encoding.treeLeafCounts.slice(0, 4), old.treeLeafCounts);
  const rebuilt = await old.refresh('rebuild', window, 'g4', { trees: 4, maxDepth: 3 });
  t.is(rebuilt.change.kind, 'remapped');
  t.is(rebuilt.change.oldToNew.length, old.leafCount);
  t.true([...rebuilt.change.oldToNew].every((to) => to >= -1 && to < rebuilt.encoding.leafCount));
  t.is(rebuilt.encoding.version, 'g4');
});
