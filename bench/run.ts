import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench -- NAME [args]` runs `bench/NAME.bench.ts`. Each benchmark prints
 * one JSON object on standard output (progress goes to standard error), so its
 * numbers can be collected by a script and pasted into BENCHMARKS.md.
 */
const folder = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(new URL(`./${name}.bench.ts`, import.meta.url))) {
  console.error(`usage: npm run bench -- NAME [args]; NAME is one of: ${available.join(', ')}`);
  process.exit(2);
}
process.argv = [process.argv[0], process.argv[1], ...args];
await import(`./${name}.bench.ts`);
