import { escapeXml } from '../format';
import { linearScale, niceTicks, tickLabel } from './scale';

/** One bar: a value with an optional interval drawn as an error bar. */
export interface Bar {
  label: string;
  value: number;
  /** Ends of the error bar (e.g. mean ± std, or a confidence interval). */
  low?: number;
  high?: number;
  colour?: string;
}

/** Options for {@link renderBarChart}. */
export interface BarChartOptions {
  title: string;
  /** Axis caption, e.g. `test AUC (mean ± sd over 3 seeds)`. */
  valueLabel: string;
  bars: Bar[];
  widthPx?: number;
  /** Printed under the title so a reader knows which way is good. */
  better?: 'higher' | 'lower';
  /** Bounds the axis may not cross, e.g. [0, 1] for AUC or precision. */
  limits?: [number, number];
  /** Keep zero on the axis, where zero means something (a difference, a share). */
  includeZero?: boolean;
  /** Number formatting for the value printed next to each bar. */
  format?: (value: number) => string;
}

const barHeightPx = 20;
const barGapPx = 8;
const charWidthPx = 7;

/**
 * Horizontal bars with error bars as inline SVG, one per model, so long model
 * names read without rotation. The value axis starts where the data starts
 * (AUCs differ in the third decimal; bars from 0 would all look equal), and
 * the chart says so in its caption whenever it does not start at zero.
 */
export function renderBarChart(options: BarChartOptions): string {
  const { bars, title, valueLabel } = options;
  const format = options.format ?? ((value: number) => value.toFixed(4));
  const widthPx = options.widthPx ?? 560;
  const labelWidth = Math.max(60, ...bars.map((bar) => bar.label.length * charWidthPx)) + 12;
  const valueWidth = 64;
  const top = 46;
  const plotHeight = bars.length * (barHeightPx + barGapPx) + barGapPx;
  const heightPx = top + plotHeight + 44;

  const lows = bars.map((bar) => Math.min(bar.value, bar.low ?? bar.value));
  const highs = bars.map((bar) => Math.max(bar.value, bar.high ?? bar.value));
  let lo = Math.min(...lows);
  let hi = Math.max(...highs);
  const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.02 || 1;
  lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  hi = hi + pad * 0.2;
  if (options.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const [minLimit, maxLimit] = options.limits ?? [-Infinity, Infinity];
  const ticks = niceTicks(lo, hi, 5).filter(
    (tick, i, all) => (tick >= minLimit || all[i + 1] <= minLimit) && tick <= maxLimit,
  );
  const domain: [number, number] = [ticks[0], Math.max(ticks[ticks.length - 1], hi)];
  const x = linearScale(domain, [labelWidth, widthPx - valueWidth]);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" width="${widthPx}" ` +
      `height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" role="img" ` +
      `aria-label="${escapeXml(title)}">`,
  );
  parts.push(`<text x="0" y="16" class="chart-title">${escapeXml(title)}</text>`);
  const notes = [
    options.better ? `${options.better} is better` : '',
    domain[0] !== 0 ? `axis starts at ${tickLabel(domain[0], ticks)}` : '',
  ].filter(Boolean);
  parts.push(`<text x="0" y="34" class="chart-note">${escapeXml(notes.join('; '))}</text>`);

  for (const tick of ticks) {
    const px = x(tick).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${top}" y2="${top + plotHeight}" class="grid"/>`,
      `<text x="${px}" y="${top + plotHeight + 16}" class="tick" text-anchor="middle">` +
        `${tickLabel(tick, ticks)}</text>`,
    );
  }
  parts.push(
    `<text x="${(labelWidth + widthPx - valueWidth) / 2}" y="${heightPx - 6}" class="axis-label" ` +
      `text-anchor="middle">${escapeXml(valueLabel)}</text>`,
  );

  bars.forEach((bar, i) => {
    const y = top + barGapPx + i * (barHeightPx + barGapPx);
    const mid = y + barHeightPx / 2;
    const base = x(options.includeZero ? 0 : domain[0]);
    const end = x(bar.value);
    const width = Math.max(1, Math.abs(end - base));
    parts.push(
      `<g class="bar" data-label="${escapeXml(bar.label)}" data-value="${bar.value}"` +
        (bar.low !== undefined ? ` data-low="${bar.low}"` : '') +
        (bar.high !== undefined ? ` data-high="${bar.high}"` : '') +
        '>',
      `<text x="${labelWidth - 8}" y="${mid + 4}" class="bar-label" text-anchor="end">` +
        `${escapeXml(bar.label)}</text>`,
      `<rect x="${Math.min(base, end).toFixed(1)}" y="${y}" width="${width.toFixed(1)}" ` +
        `height="${barHeightPx}" fill="${bar.colour ?? '#0072b2'}"/>`,
    );
    if (bar.low !== undefined && bar.high !== undefined) {
      const x0 = x(bar.low).toFixed(1);
      const x1 = x(bar.high).toFixed(1);
      parts.push(
        `<line x1="${x0}" x2="${x1}" y1="${mid}" y2="${mid}" class="error-bar"/>`,
        `<line x1="${x0}" x2="${x0}" y1="${mid - 5}" y2="${mid + 5}" class="error-bar"/>`,
        `<line x1="${x1}" x2="${x1}" y1="${mid - 5}" y2="${mid + 5}" class="error-bar"/>`,
      );
    }
    const textX = Math.max(x(bar.value), x(bar.high ?? bar.value)) + 6;
    parts.push(
      `<text x="${textX.toFixed(1)}" y="${mid + 4}" class="bar-value">${format(bar.value)}</text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
