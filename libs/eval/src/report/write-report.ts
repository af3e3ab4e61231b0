import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalResults } from '../results/eval-results';
import { renderHtmlReport } from './html-report';
import { renderMarkdownReport } from './markdown-report';

/** The three files one evaluation writes. */
export interface ReportFiles {
  resultsJson: string;
  reportMd: string;
  reportHtml: string;
}

/**
 * Writes `results.json`, `report.md` and `report.html` into `outDir`
 * (created if missing) and returns their paths.
 */
export async function writeReport(results: EvalResults, outDir: string): Promise<ReportFiles> {
  await mkdir(outDir, { recursive: true });
  const files: ReportFiles = {
    resultsJson: join(outDir, 'results.json'),
    reportMd: join(outDir, 'report.md'),
    reportHtml: join(outDir, 'report.html'),
  };
  await writeFile(files.resultsJson, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(files.reportMd, renderMarkdownReport(results));
  await writeFile(files.reportHtml, renderHtmlReport(results));
  return files;
}
