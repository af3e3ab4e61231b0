import { escapeXml } from '../format';
import { linearScale, niceTicks, tickLabel } from './scale';

/** One point of a series; `y` null leaves a gap (e.g. an AUC over one class). */
export interface LinePoint {
  x: number;
  y: number | null;
  /** Ends of an error bar at this point. */
  low?: number;
  high?: number;
}

export interface LineSeries {
  name: string;
  colour: string;
  points: LinePoint[];
}

/** Options for {@link renderLineChart}. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** Ticks to put on the x axis, e.g. the swept values; default: round numbers. */
  xTicks?: number[];
  better?: 'higher' | 'lower';
  widthPx?: number;
  heightPx?: number;
}

/**
 * Lines with optional error bars as inline SVG: the sweeps of the paper's
 * figures 4 and 5 (a few points, marked) and prequential curves (many points,
 * drawn as a plain line). The y axis fits the data, not zero, as AUC and
 * logloss curves are read for their shape.
 */
export function renderLineChart(options: LineChartOptions): string {
  const widthPx = options.widthPx ?? 560;
  const heightPx = options.heightPx ?? 300;
  const left = 62;
  const right = 16;
  const legendRows = Math.ceil(options.series.length / 4);
  const top = 42 + legendRows * 18;
  const bottom = 46;

  const points = options.series.flatMap((s) => s.points);
  const ys = points.flatMap((p) => (p.y === null ? [] : [p.y, p.low ?? p.y, p.high ?? p.y]));
  const xs = points.map((p) => p.x);
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const xTicks = options.xTicks ?? niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const xDomain: [number, number] = [
    Math.min(xTicks[0], ...xs),
    Math.max(xTicks[xTicks.length - 1], ...xs),
  ];
  const xPad = options.xTicks ? (xDomain[1] - xDomain[0]) * 0.06 : 0;
  const x = linearScale([xDomain[0] - xPad, xDomain[1] + xPad], [left, widthPx - right]);
  const y = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [heightPx - bottom, top]);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" width="${widthPx}" ` +
      `height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" role="img" ` +
      `aria-label="${escapeXml(options.title)}">`,
    `<text x="0" y="16" class="chart-title">${escapeXml(options.title)}</text>`,
  ];
  if (options.better) {
    parts.push(`<text x="0" y="32" class="chart-note">${options.better} is better</text>`);
  }
  options.series.forEach((series, i) => {
    const lx = left + (i % 4) * 125;
    const ly = 40 + Math.floor(i / 4) * 18;
    parts.push(
      `<rect x="${lx}" y="${ly}" width="14" height="4" fill="${series.colour}"/>`,
      `<text x="${lx + 19}" y="${ly + 6}" class="legend">${escapeXml(series.name)}</text>`,
    );
  });

  for (const tick of yTicks) {
    const py = y(tick).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${widthPx - right}" y1="${py}" y2="${py}" class="grid"/>`,
      `<text x="${left - 6}" y="${Number(py) + 4}" class="tick" text-anchor="end">` +
        `${tickLabel(tick, yTicks)}</text>`,
    );
  }
  for (const tick of xTicks) {
    const px = x(tick).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${heightPx - bottom}" y2="${heightPx - bottom + 4}" ` +
        'class="axis"/>',
      `<text x="${px}" y="${heightPx - bottom + 17}" class="tick" text-anchor="middle">` +
        `${tickLabel(tick, xTicks)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${widthPx - right}" y1="${heightPx - bottom}" ` +
      `y2="${heightPx - bottom}" class="axis"/>`,
    `<text x="${(left + widthPx - right) / 2}" y="${heightPx - 6}" class="axis-label" ` +
      `text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(14 ${(top + heightPx - bottom) / 2}) rotate(-90)" ` +
      `class="axis-label" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );

  for (const series of options.series) {
    parts.push(renderSeries(series, x, y));
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function renderSeries(
  series: LineSeries,
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  const marked = series.points.length <= 30;
  const segments: string[][] = [[]];
  const parts: string[] = [`<g class="series" data-series="${escapeXml(series.name)}">`];
  for (const point of series.points) {
    if (point.y === null) {
      segments.push([]);
      continue;
    }
    const px = x(point.x).toFixed(1);
    const py = y(point.y).toFixed(1);
    segments[segments.length - 1].push(`${px},${py}`);
    if (point.low !== undefined && point.high !== undefined) {
      const y0 = y(point.low).toFixed(1);
      const y1 = y(point.high).toFixed(1);
      parts.push(
        `<line x1="${px}" x2="${px}" y1="${y0}" y2="${y1}" stroke="${series.colour}" ` +
          'class="error-bar"/>',
      );
    }
    if (marked) {
      parts.push(
        `<circle cx="${px}" cy="${py}" r="3.5" fill="${series.colour}" ` +
          `data-x="${point.x}" data-y="${point.y}"/>`,
      );
    }
  }
  for (const segment of segments.filter((s) => s.length > 1)) {
    parts.push(
      `<polyline points="${segment.join(' ')}" fill="none" stroke="${series.colour}" ` +
        'stroke-width="2"/>',
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}
