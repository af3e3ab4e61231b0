#!/usr/bin/env -S node --import=tsx
import { Command, InvalidArgumentError } from 'commander';
import { brokerStatus, startBroker, stopBroker } from './broker';
import { brokerLayout } from './layout';

// `npm run kafka:up|down|status`: a real single-node Apache Kafka broker in KRaft
// mode on 127.0.0.1, from the official jars on Maven Central.
const program = new Command('kafka')
  .description('start, stop and inspect the local Apache Kafka broker')
  .option('-p, --port <port>', 'client port on 127.0.0.1 (env TMRM_KAFKA_PORT)', parsePort)
  .option('--state-dir <dir>', 'where data, log and pid live (env TMRM_KAFKA_STATE_DIR)');

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port)) throw new InvalidArgumentError('must be an integer port');
  return port;
}

const layout = () => brokerLayout(program.opts());

program
  .command('up')
  .description('start the broker unless it runs; wait until it answers')
  .action(async () => {
    const status = await startBroker(layout());
    console.log(`kafka up: ${status.brokers} (pid ${status.pid}); log: ${status.logFile}`);
  });

program
  .command('down')
  .description('stop the broker')
  .action(async () => {
    await stopBroker(layout());
  });

program
  .command('status')
  .description('say whether the broker runs and answers')
  .action(async () => {
    const status = await brokerStatus(layout());
    const state = status.answering ? 'running' : status.running ? 'starting' : 'stopped';
    console.log(`kafka ${state}: ${status.brokers}${status.pid ? ` (pid ${status.pid})` : ''}`);
    console.log(`log: ${status.logFile}`);
    process.exitCode = status.answering ? 0 : 3;
  });

program.parseAsync().catch((error: Error) => {
  console.error(`kafka: ${error.message}`);
  process.exitCode = 1;
});
