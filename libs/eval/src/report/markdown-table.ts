import { escapeMarkdownCell } from './format';

/** A GitHub-flavoured Markdown table; columns whose header ends in `#` align right. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cells = (row: string[]) => `| ${row.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = `| ${header.map((h) => (h.endsWith('#') ? '---:' : '---')).join(' | ')} |`;
  return [cells(header.map((h) => h.replace(/#$/, ''))), rule, ...rows.map(cells)].join('\n');
}
