import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { TmrmError } from '@tmrm/common';
import { ensureJars } from './jars';
import type { BrokerLayout } from './layout';
import { scramFormatArguments, serverProperties } from './server-properties';

/** What `status` reports about a local broker. */
export interface BrokerStatus {
  running: boolean;
  pid?: number;
  /** The broker answers metadata requests on its port. */
  answering: boolean;
  brokers: string;
  logFile: string;
}

/** Options for {@link startBroker}. */
export interface StartOptions {
  /** How long to wait for the broker to answer metadata requests. */
  readyTimeoutMs?: number;
  /** Maximum JVM heap, as the JVM spells it. */
  heap?: string;
  /** Progress lines go here. */
  log?: (line: string) => void;
}

const files = (layout: BrokerLayout) => ({
  dataDir: join(layout.stateDir, 'data'),
  logFile: join(layout.stateDir, 'broker.log'),
  pidFile: join(layout.stateDir, 'broker.pid'),
  properties: join(layout.stateDir, 'server.properties'),
});

/**
 * Starts the local broker unless it already runs, formatting its storage on the
 * first start, and resolves once it answers metadata requests.
 */
export async function startBroker(layout: BrokerLayout, options: StartOptions = {}) {
  const log = options.log ?? console.error;
  const paths = files(layout);
  const current = await brokerStatus(layout);
  if (current.running && current.answering) {
    log(`broker already running (pid ${current.pid}) on ${current.brokers}; log: ${paths.logFile}`);
    return current;
  }
  if (current.running && current.pid !== undefined) {
    log(`broker process ${current.pid} exists but does not answer yet; waiting for it`);
    return waitUntilAnswering(layout, current.pid, options.readyTimeoutMs ?? 90_000);
  }

  const brokers = `127.0.0.1:${layout.port}`;
  if (await answersMetadata(brokers, 2_000)) {
    log(`a broker not started from ${layout.stateDir} already answers on ${brokers}; using it`);
    return { running: false, answering: true, brokers, logFile: paths.logFile };
  }

  const jars = await ensureJars(layout, log);
  const classPath = `${jars}/*`;
  mkdirSync(layout.stateDir, { recursive: true });
  writeFileSync(paths.properties, serverProperties(layout, paths.dataDir));
  if (!existsSync(join(paths.dataDir, 'meta.properties'))) {
    formatStorage(classPath, paths.properties, scramFormatArguments(layout), log);
  }

  const logFd = openSync(paths.logFile, 'a');
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-Xms256m',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${join(layout.toolDir, 'log4j.properties')}`,
      '-cp',
      classPath,
      'kafka.Kafka',
      paths.properties,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  child.unref();
  if (child.pid === undefined) throw new TmrmError('could not start java: is a JDK 17+ on PATH?');
  writeFileSync(paths.pidFile, `${child.pid}\n`);
  log(`broker starting (pid ${child.pid}) on 127.0.0.1:${layout.port}; log: ${paths.logFile}`);
  return waitUntilAnswering(layout, child.pid, options.readyTimeoutMs ?? 90_000);
}

/** Stops the local broker: SIGTERM, then SIGKILL if it has not exited in time. */
export async function stopBroker(layout: BrokerLayout, log = console.error): Promise<void> {
  const paths = files(layout);
  const pid = readPid(paths.pidFile);
  if (pid === undefined || !isAlive(pid)) {
    rmSync(paths.pidFile, { force: true });
    log('broker is not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 200) await sleep(200);
  if (isAlive(pid)) {
    log(`broker ${pid} ignored SIGTERM for 30 s; killing it`);
    process.kill(pid, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) await sleep(100);
  }
  rmSync(paths.pidFile, { force: true });
  log(`broker ${pid} stopped`);
}

/** Reports whether the broker process lives and answers metadata requests. */
export async function brokerStatus(layout: BrokerLayout): Promise<BrokerStatus> {
  const paths = files(layout);
  const pid = readPid(paths.pidFile);
  const running = pid !== undefined && isAlive(pid);
  const brokers = `127.0.0.1:${layout.port}`;
  const answering = running ? await answersMetadata(brokers, 3_000) : false;
  return { running, pid: running ? pid : undefined, answering, brokers, logFile: paths.logFile };
}

function formatStorage(
  classPath: string,
  properties: string,
  extraArguments: string[],
  log: (line: string) => void,
) {
  // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding.
  const clusterId = randomBytes(16).toString('base64url');
  log(`formatting broker storage (cluster id ${clusterId})`);
  const result = spawnSync(
    'java',
    [
      '-cp',
      classPath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      properties,
      ...extraArguments,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new TmrmError(`formatting Kafka storage failed: ${result.stderr || result.stdout}`);
  }
}

async function waitUntilAnswering(layout: BrokerLayout, pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const { logFile } = files(layout);
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new TmrmError(`the broker exited during start-up; see ${logFile}:\n${tail(logFile)}`);
    }
    if (await answersMetadata(`127.0.0.1:${layout.port}`, 2_000)) return brokerStatus(layout);
    await sleep(500);
  }
  throw new TmrmError(`the broker did not answer within ${timeoutMs} ms; see ${logFile}`, {
    retriable: true,
  });
}

async function answersMetadata(brokers: string, timeoutMs: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'tmrm-kafka-tool',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed child of this process lingers as a zombie until reaped; it is not alive.
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return !stat.stdout.trim().startsWith('Z');
}

function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
