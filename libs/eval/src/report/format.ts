import type { SummaryStat } from '../metrics/summary-stat';

/**
 * How numbers appear in the reports. The tests parse the reports back and
 * compare with results.json to this precision, so the writers and the tests
 * share these functions.
 */
export const METRIC_DECIMALS = 4;
export const SECONDS_DECIMALS = 1;

export function formatMetric(value: number): string {
  return value.toFixed(METRIC_DECIMALS);
}

export function formatSeconds(value: number): string {
  return value.toFixed(SECONDS_DECIMALS);
}

/** `0.7812 ± 0.0031`, or just `0.7812` when one seed leaves no spread to show. */
export function formatStat(stat: SummaryStat, format: (value: number) => string = formatMetric) {
  return stat.std === null ? format(stat.mean) : `${format(stat.mean)} ± ${format(stat.std)}`;
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes text for a Markdown table cell. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The ends of a mean ± sd error bar, or nothing when one seed leaves no spread. */
export function spreadBounds(stat: SummaryStat): { low?: number; high?: number } {
  return stat.std === null ? {} : { low: stat.mean - stat.std, high: stat.mean + stat.std };
}
