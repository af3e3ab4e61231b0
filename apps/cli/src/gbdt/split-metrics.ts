import {
  objectiveMetric,
  predictMargin,
  rocAuc,
  sigmoid,
  type Ensemble,
  type LabelledMatrix,
} from '@tmrm/gbdt';

export interface SplitMetrics {
  rows: number;
  auc: number | null;
  logloss: number;
}

/** AUC and logloss of a logloss ensemble on one split (AUC null when a class is absent). */
export function splitMetrics(ensemble: Ensemble, data: LabelledMatrix): SplitMetrics {
  const margins = predictMargin(ensemble, data);
  const auc = rocAuc(data.labels, margins.map(sigmoid));
  return {
    rows: data.rowCount,
    auc: Number.isNaN(auc) ? null : auc,
    logloss: objectiveMetric('logloss', data.labels, margins),
  };
}
