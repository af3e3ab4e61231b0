import { readFile } from 'node:fs/promises';
import { EvalError } from '../eval-error';
import type { EvalResults } from './eval-results';
import { parseEvalResults } from './parse-eval-results';

/** Reads and checks a `results.json`; errors name the file and the JSON path at fault. */
export async function readEvalResults(file: string): Promise<EvalResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new EvalError(`cannot read results file ${file}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new EvalError(`${file} is not valid JSON`, { cause });
  }
  try {
    return parseEvalResults(json);
  } catch (cause) {
    throw new EvalError(`${file}: ${(cause as Error).message}`, { cause });
  }
}
