import type { EvalResults, SweepResult } from '../results/eval-results';
import { escapeXml, formatMetric, spreadBounds } from './format';
import { reportCss } from './html-style';
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
import { renderBarChart, type Bar } from './svg/bar-chart';
import { renderLineChart } from './svg/line-chart';
import { coloursFor } from './svg/palette';

/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, no
 * network) with the paper's figure 3 (model comparison), figures 4 and 5
 * (sweeps), the prequential curves and example recommendations with their
 * explanations, each chart followed by its table. The full results.json is
 * embedded as a JSON script block so the page carries its own data.
 */
export function renderHtmlReport(results: EvalResults): string {
  const colours = coloursFor([
    ...results.summary.map((s) => s.model),
    ...results.sweeps.map((s) => s.model),
    ...results.prequential.map((c) => c.model),
    ...(results.rq2.planted?.strategies.map((s) => s.strategy) ?? []),
  ]);
  const body: string[] = [];

  body.push('<h1>tmrm evaluation</h1>');
  body.push(`<p class="lead">${escapeXml(datasetLine(results))}</p>`);
  body.push(facts(results));

  body.push('<h2>RQ1: is TMRM more accurate? (figure 3)</h2>');
  if (results.summary.length === 0) body.push('<p class="missing">No models were run.</p>');
  else {
    const n = results.configuration.seeds.length;
    const spread = n > 1 ? `mean ± sd over ${n} seeds` : 'one seed';
    const bars = (metric: 'auc' | 'logloss'): Bar[] =>
      results.summary.map((s) => ({
        label: s.model,
        value: s[metric].mean,
        ...spreadBounds(s[metric]),
        colour: colours.get(s.model),
      }));
    body.push(
      '<div class="charts">',
      renderBarChart({
        title: 'Test AUC',
        valueLabel: `AUC (${spread})`,
        bars: bars('auc'),
        limits: [0, 1],
        better: 'higher',
      }),
      renderBarChart({
        title: 'Test logloss',
        valueLabel: `logloss (${spread})`,
        bars: bars('logloss'),
        limits: [0, Infinity],
        better: 'lower',
      }),
      '</div>',
    );
    body.push(htmlTable(comparisonTable(results), 'comparison'));
    body.push('<h3>Every run</h3>', htmlTable(runsTable(results), 'runs'));
  }

  body.push('<h2>RQ2: are the selected feature combinations right?</h2>');
  body.push(rq2Section(results, colours));

  body.push('<h2>RQ3: how do the hyper-parameters matter? (figures 4 and 5)</h2>');
  body.push(sweepSection(results, colours));

  body.push('<h2>Prequential replay</h2>');
  body.push(prequentialSection(results, colours));

  body.push('<h2>Example recommendations</h2>');
  body.push(examplesSection(results));

  if (results.notes.length > 0) {
    body.push('<h2>Notes</h2><ul>');
    for (const note of results.notes) body.push(`<li>${escapeXml(note)}</li>`);
    body.push('</ul>');
  }

  const data = JSON.stringify(results).replace(/</g, '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>tmrm evaluation: ${escapeXml(results.configuration.dataset.name)}</title>`,
    `<style>${reportCss}</style>`,
    '</head><body><main>',
    ...body,
    `<script type="application/json" id="tmrm-results">${data}</script>`,
    '</main></body></html>',
    '',
  ].join('\n');
}

function facts(results: EvalResults): string {
  const rows: Array<[string, string]> = [
    ['run', results.createdAt],
    ['models', results.configuration.models.join(', ')],
    ['seeds', results.configuration.seeds.join(', ')],
    ['budget', budgetLine(results)],
    ['software', versionsLine(results)],
  ];
  if (results.configuration.command) {
    rows.push(['command', `<code>${escapeXml(results.configuration.command.join(' '))}</code>`]);
  }
  if (results.configuration.dataset.exportedTo) {
    rows.push(['split exported to', escapeXml(results.configuration.dataset.exportedTo)]);
  }
  const cells = rows.map(
    ([k, v]) => `<dt>${k}</dt><dd>${v.startsWith('<') ? v : escapeXml(v)}</dd>`,
  );
  return `<dl class="facts">${cells.join('')}</dl>`;
}

/** An HTML table; columns whose header ends in `#` are numeric (right-aligned). */
function htmlTable(table: Table, name: string): string {
  const numeric = table.header.map((h) => h.endsWith('#'));
  const head = table.header
    .map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeXml(h.replace(/#$/, ''))}</th>`)
    .join('');
  const rows = table.rows.map(
    (row) =>
      '<tr>' +
      row
        .map((cell, i) => `<td${numeric[i] ? ' class="num"' : ''}>${escapeXml(cell)}</td>`)
        .join('') +
      '</tr>',
  );
  return `<table data-table="${name}"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function rq2Section(results: EvalResults, colours: Map<string, string>): string {
  const out: string[] = ['<h3>Planted crosses (synthetic data)</h3>'];
  const planted = results.rq2.planted;
  const table = plantedTable(results);
  if (planted && table) {
    out.push(
      `<p>Top ${planted.topK} explanations of ${planted.samples} held-out positives, compared ` +
        `with the crosses planted in the data: ${escapeXml(
          planted.plantedCrosses.map((c) => c.join(' × ')).join('; '),
        )}. Random and Hot (most popular features) are the paper's reference strategies.</p>`,
    );
    const bars = (metric: 'precision' | 'recall'): Bar[] =>
      planted.strategies.map((s) => ({
        label: s.strategy,
        value: s[metric],
        colour: colours.get(s.strategy),
      }));
    out.push(
      '<div class="charts">',
      renderBarChart({
        title: 'Precision',
        valueLabel: 'precision',
        bars: bars('precision'),
        limits: [0, 1],
        better: 'higher',
      }),
      renderBarChart({
        title: 'Recall',
        valueLabel: 'recall',
        bars: bars('recall'),
        limits: [0, 1],
        better: 'higher',
      }),
      '</div>',
      htmlTable(table, 'planted'),
    );
  } else {
    out.push('<p class="missing">Not run: it needs a synthetic data set with its truth.json.</p>');
  }

  out.push('<h3>Faithfulness</h3>');
  const faithfulness = results.rq2.faithfulness;
  if (faithfulness.length === 0) {
    out.push('<p class="missing">Not run.</p>');
    return out.join('\n');
  }
  out.push(
    '<p>How much the predicted click probability drops when the features an explanation names ' +
      'are masked, minus the drop when as many random features of the same sample are masked ' +
      '(both among the features present in the sample that stage 1 can split on, ids excluded). ' +
      'Above zero: the explanation points at features the model really uses.</p>',
    renderBarChart({
      title: 'Extra score drop from masking the explained features',
      valueLabel: 'explained drop − random drop (with confidence interval)',
      includeZero: true,
      bars: faithfulness.map((f) => ({
        label: f.model,
        value: f.difference.mean,
        low: f.difference.lower,
        high: f.difference.upper,
        colour: colours.get(f.model),
      })),
      better: 'higher',
    }),
    htmlTable(faithfulnessTable(faithfulness), 'faithfulness'),
  );
  return out.join('\n');
}

function sweepSection(results: EvalResults, colours: Map<string, string>): string {
  if (results.sweeps.length === 0) {
    return '<p class="missing">No sweeps were asked for (<code>--sweep</code>).</p>';
  }
  const byParameter = new Map<string, SweepResult[]>();
  for (const sweep of results.sweeps) {
    byParameter.set(sweep.parameter, [...(byParameter.get(sweep.parameter) ?? []), sweep]);
  }
  const out: string[] = ['<div class="charts">'];
  for (const [parameter, sweeps] of byParameter) {
    const metric = sweeps[0].metric;
    out.push(
      renderLineChart({
        title: `${metric === 'auc' ? 'AUC' : 'Logloss'} against ${parameter}`,
        xLabel: parameter,
        yLabel: `test ${metric === 'auc' ? 'AUC' : 'logloss'}`,
        better: metric === 'auc' ? 'higher' : 'lower',
        xTicks: [...new Set(sweeps.flatMap((s) => s.points.map((p) => p.value)))],
        series: sweeps.map((sweep) => ({
          name: sweep.model,
          colour: colours.get(sweep.model) ?? '#0072b2',
          points: sweep.points.map((p) => ({
            x: p.value,
            y: p[metric].mean,
            ...spreadBounds(p[metric]),
          })),
        })),
      }),
    );
  }
  out.push('</div>');
  for (const sweep of results.sweeps) {
    out.push(
      `<h3>${escapeXml(sweep.parameter)} (${escapeXml(sweep.model)})</h3>`,
      htmlTable(sweepTable(sweep), `sweep-${sweep.parameter}-${sweep.model}`),
    );
  }
  return out.join('\n');
}

function prequentialSection(results: EvalResults, colours: Map<string, string>): string {
  if (results.prequential.length === 0) {
    return '<p class="missing">Not run (<code>--online</code>).</p>';
  }
  const window = results.prequential[0].windowSize;
  const series = (metric: 'auc' | 'logloss') =>
    results.prequential.map((curve) => ({
      name: curve.model,
      colour: colours.get(curve.model) ?? '#0072b2',
      points: curve.points.map((p) => ({ x: p.samples, y: p[metric] })),
    }));
  return [
    `<p>Each mini-batch is scored before the model trains on it; each point covers the last ` +
      `${window} samples scored.</p>`,
    '<div class="charts">',
    renderLineChart({
      title: 'Rolling AUC',
      xLabel: 'samples replayed',
      yLabel: 'AUC',
      better: 'higher',
      series: series('auc'),
    }),
    renderLineChart({
      title: 'Rolling logloss',
      xLabel: 'samples replayed',
      yLabel: 'logloss',
      better: 'lower',
      series: series('logloss'),
    }),
    '</div>',
    htmlTable(prequentialTable(results), 'prequential'),
  ].join('\n');
}

function examplesSection(results: EvalResults): string {
  if (results.examples.length === 0) return '<p class="missing">None.</p>';
  return results.examples
    .map((example) => {
      const items = example.items.map((item) => {
        const paths = item.explanation.length
          ? item.explanation
              .map(
                (path) =>
                  `<span class="path">${escapeXml(path.text)} ` +
                  `<span class="weight">${formatMetric(path.weight)}</span></span>`,
              )
              .join('')
          : '<span class="missing">no explanation</span>';
        const clicked = item.label === 1 ? ' (clicked)' : '';
        return (
          `<li><strong>${escapeXml(item.itemId)}</strong> score ${formatMetric(item.score)}` +
          `${clicked}<br>${paths}</li>`
        );
      });
      return (
        `<div class="example" data-user="${escapeXml(example.userId)}">` +
        `<h3>User ${escapeXml(example.userId)} <span class="weight">${escapeXml(example.model)}</span></h3>` +
        `<ol>${items.join('')}</ol></div>`
      );
    })
    .join('\n');
}
