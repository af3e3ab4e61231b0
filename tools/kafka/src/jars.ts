import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmrmError } from '@tmrm/common';
import { KAFKA_VERSION, type BrokerLayout } from './layout';

const COMPLETE_MARKER = '.complete';

/**
 * Makes sure the Kafka jars are in the cache, resolving them from Maven Central
 * with `mvn dependency:copy-dependencies` the first time. A marker file is
 * written last, so an interrupted download is redone rather than half used.
 *
 * @returns the folder holding the jars, ready for a `-cp folder/*` class path
 */
export async function ensureJars(layout: BrokerLayout, log = console.error): Promise<string> {
  const libs = join(layout.jarsDir, 'libs');
  if (existsSync(join(layout.jarsDir, COMPLETE_MARKER))) return libs;

  log(`resolving Apache Kafka ${KAFKA_VERSION} jars through Maven into ${libs}`);
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  await run('mvn', [
    '-q',
    '-B',
    '-f',
    join(layout.toolDir, 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`,
    '-DincludeScope=runtime',
  ]);

  const jars = readdirSync(libs).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
    throw new TmrmError(`Maven finished but ${libs} holds no kafka_2.13-${KAFKA_VERSION} jar`);
  }
  writeFileSync(join(layout.jarsDir, COMPLETE_MARKER), `${jars.length} jars\n`);
  return libs;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (cause) =>
      reject(new TmrmError(`could not run ${command}: is Maven installed and on PATH?`, { cause })),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new TmrmError(`${command} ${args.join(' ')} exited with code ${code}`)),
    );
  });
}
