import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { TmrmError } from '@tmrm/common';

/**
 * Every file `commands/*.command.ts` exports `register(program)`, which adds one
 * sub-command. They are found at start-up so that adding a command never means
 * editing a central list.
 */
export interface CommandModule {
  register(program: Command): void;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('tmrm')
    .description('streaming recommendations with explained feature combinations, over Kafka')
    .showHelpAfterError()
    .enablePositionalOptions();

  const folder = fileURLToPath(new URL('./commands/', import.meta.url));
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.command.ts'))
    .sort();
  for (const file of files) {
    const module = (await import(
      new URL(`./commands/${file}`, import.meta.url).href
    )) as CommandModule;
    module.register(program);
  }
  await program.parseAsync(argv);
}

// `tmrm topics | head -3`: when the reader of standard output goes away, stop
// quietly instead of crashing with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`tmrm: ${message}`);
  if (!(error instanceof TmrmError) && error instanceof Error && process.env.TMRM_DEBUG) {
    console.error(error.stack);
  }
  process.exitCode = 1;
});
