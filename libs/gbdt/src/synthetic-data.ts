import { seededRandom } from '@tmrm/common';
import { featureSpecs } from './feature-spec';
import type { LabelledMatrix } from './training-data';

const GENRES = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'Thriller', 'War'];

/**
 * Click-like data for tests and examples: `age` (integer 18..70, 5% missing),
 * `hour` (integer 0..23), `genre` (categorical, 8 labels, 2% missing) and
 * `score` (continuous in [0, 1)). The click probability depends on age x genre,
 * on evening hours and on score, so trees have real combinations to find.
 */
export function syntheticClicks(rowCount: number, seed = 1): LabelledMatrix {
  const random = seededRandom(seed);
  const features = featureSpecs(['age', 'hour', 'genre', 'score'], ['genre']);
  features[2].categories = [...GENRES];
  const age = new Float64Array(rowCount);
  const hour = new Float64Array(rowCount);
  const genre = new Float64Array(rowCount);
  const score = new Float64Array(rowCount);
  const labels = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    age[i] = random() < 0.05 ? NaN : 18 + Math.floor(random() * 53);
    hour[i] = Math.floor(random() * 24);
    genre[i] = random() < 0.02 ? NaN : Math.floor(random() * GENRES.length);
    score[i] = random();
    const young = age[i] < 35 || Number.isNaN(age[i]);
    const likes = young ? genre[i] === 0 || genre[i] === 5 : genre[i] === 2 || genre[i] === 4;
    const margin = -1.2 + (likes ? 1.6 : 0) + (hour[i] >= 20 ? 0.8 : 0) + 1.5 * (score[i] - 0.5);
    labels[i] = random() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
  }
  return { features, columns: [age, hour, genre, score], rowCount, labels };
}
