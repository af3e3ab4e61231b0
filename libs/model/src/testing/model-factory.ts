import type { TmrmModelOptions } from '../model/tmrm-model';
import { TmrmModel } from '../model/tmrm-model';
import {
  describePlantedCrossLeaf,
  plantedCrossFields,
  plantedCrossTreeLeafCounts,
} from './planted-cross-data';

/** A small TMRM model over the planted-cross data, with overrides, for tests. */
export function smallModel(overrides: Partial<TmrmModelOptions> = {}): TmrmModel {
  return TmrmModel.create({
    fields: plantedCrossFields,
    embeddingSize: 4,
    hiddenUnits: [16, 16, 8],
    leafSpace: { treeLeafCounts: plantedCrossTreeLeafCounts, version: 'test-v1' },
    describeLeaf: describePlantedCrossLeaf,
    optimizer: { kind: 'adam', learningRate: 0.01 },
    ...overrides,
  });
}
