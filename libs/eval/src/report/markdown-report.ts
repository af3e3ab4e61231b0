import type { EvalResults } from '../results/eval-results';
import { formatMetric } from './format';
import { markdownTable } from './markdown-table';
import {
  budgetLine,
  comparisonTable,
  datasetLine,
  faithfulnessTable,
  plantedTable,
  prequentialTable,
  runsTable,
  sweepTable,
  versionsLine,
  type Table,
} from './report-sections';

/**
 * `report.md`: every table of the evaluation, answering the paper's three
 * questions in order (RQ1 accuracy, RQ2 feature combinations, RQ3
 * hyper-parameters), then the prequential replay and example recommendations.
 * Numbers are exactly those of results.json, rounded for reading.
 */
export function renderMarkdownReport(results: EvalResults): string {
  const out: string[] = [];
  const table = (t: Table) => out.push(markdownTable(t.header, t.rows), '');
  const seeds = results.configuration.seeds.join(', ');

  out.push('# tmrm evaluation', '');
  out.push(`- Run: ${results.createdAt}`);
  out.push(`- Data: ${datasetLine(results)}`);
  out.push(`- Seeds: ${seeds}`);
  out.push(`- Budget (every model): ${budgetLine(results)}`);
  out.push(`- Software: ${versionsLine(results)}`);
  if (results.configuration.command) {
    out.push(`- Command: \`${results.configuration.command.join(' ')}\``);
  }
  out.push('');

  out.push("## RQ1: accuracy (the paper's figure 3)", '');
  out.push('Test AUC and logloss, mean ± sample standard deviation over seeds.', '');
  if (results.summary.length === 0) out.push('No models were run.', '');
  else table(comparisonTable(results));
  if (results.runs.length > 0) {
    out.push('### Every run', '');
    table(runsTable(results));
  }

  out.push('## RQ2: are the selected feature combinations right?', '');
  const planted = plantedTable(results);
  out.push('### Planted crosses (synthetic data)', '');
  if (planted && results.rq2.planted) {
    const p = results.rq2.planted;
    out.push(
      `Top ${p.topK} explanations of ${p.samples} held-out positives against ` +
        `${p.plantedCrosses.length} planted crosses: ` +
        `${p.plantedCrosses.map((cross) => cross.join(' × ')).join('; ')}.`,
      '',
    );
    table(planted);
  } else {
    out.push('Not run: it needs a synthetic data set with its truth.json.', '');
  }
  out.push('### Faithfulness', '');
  if (results.rq2.faithfulness.length > 0) {
    out.push(
      'Mean drop of the predicted click probability when the features an explanation ' +
        'names are masked, against masking as many random features of the same sample; both ' +
        'arms mask only features present in the sample (indicators at 1, values not missing) ' +
        'that stage 1 can split on (the ids excluded).',
      '',
    );
    table(faithfulnessTable(results.rq2.faithfulness));
  } else {
    out.push('Not run.', '');
  }

  out.push("## RQ3: hyper-parameters (the paper's figures 4 and 5)", '');
  if (results.sweeps.length === 0) out.push('No sweeps were asked for (`--sweep`).', '');
  for (const sweep of results.sweeps) {
    out.push(`### ${sweep.parameter} (${sweep.model}, plotted: ${sweep.metric})`, '');
    table(sweepTable(sweep));
  }

  out.push('## Prequential replay (`--online`)', '');
  if (results.prequential.length === 0) out.push('Not run.', '');
  else {
    out.push('Each mini-batch is scored before the model trains on it.', '');
    table(prequentialTable(results));
  }

  out.push('## Example recommendations', '');
  if (results.examples.length === 0) out.push('None.', '');
  for (const example of results.examples) {
    out.push(`### User ${example.userId} (${example.model})`, '');
    table({
      header: ['rank#', 'item', 'score#', 'clicked', 'explanation'],
      rows: example.items.map((item, i) => [
        String(i + 1),
        item.itemId,
        formatMetric(item.score),
        item.label === null ? '' : item.label === 1 ? 'yes' : 'no',
        item.explanation.map((path) => path.text).join('; ') || '(none)',
      ]),
    });
  }

  if (results.notes.length > 0) {
    out.push('## Notes', '');
    for (const note of results.notes) out.push(`- ${note}`);
    out.push('');
  }
  return out.join('\n');
}
