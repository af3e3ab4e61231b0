import { createLogger, TmrmError, type Logger } from '@tmrm/common';

/**
 * The `main` of a tmrm app process: reads the configuration (printing the usage for `--help`),
 * runs the app, and turns a failure into one line on stderr and exit status 1. A TmrmError
 * (bad configuration, say) is the user's to fix and is not logged again with its stack.
 */
export async function runAppMain<Config>(app: {
  /** `trainer`: names the logger and prefixes the error line (`tmrm-trainer: ...`). */
  name: string;
  usage: string;
  readConfig: (argv: string[], env: NodeJS.ProcessEnv) => Config | 'help';
  run: (config: Config, log: Logger) => Promise<void>;
}): Promise<void> {
  const log = createLogger({ name: app.name });
  try {
    const config = app.readConfig(process.argv.slice(2), process.env);
    if (config === 'help') {
      console.log(app.usage);
    } else {
      log.info({ config }, `${app.name} starting`);
      await app.run(config, log);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tmrm-${app.name}: ${message}`);
    if (!(error instanceof TmrmError)) log.error({ err: error }, `${app.name} failed`);
    process.exitCode = 1;
  }
  // kafkajs can leave retry timers behind after disconnecting; the work is done, so leave.
  process.exit();
}
