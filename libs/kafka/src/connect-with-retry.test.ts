import test from 'ava';
import { TmrmError } from '@tmrm/common';
import { connectWithRetry } from './connect-with-retry';
import { BrokerUnreachableError } from './errors';

// A client whose first `failures` connects fail, as a broker that comes up late does.
function flakyClient(failures: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async connect() {
      calls += 1;
      if (calls <= failures) throw new Error('Connection error: connect ECONNREFUSED');
    },
  };
}

test('retries with doubling backoff until the broker answers', async (t) => {
  const client = flakyClient(2);
  const pauses: number[] = [];
  await connectWithRetry(client, {
    brokers: ['127.0.0.1:9092'],
    operation: 'test',
    maxAttempts: 5,
    initialBackoffMs: 100,
    sleep: async (ms) => void pauses.push(ms),
  });
  t.is(client.calls, 3);
  t.deepEqual(pauses, [100, 200]);
});

test('the final error names the brokers, the attempts and the time spent', async (t) => {
  let clock = 0;
  const error = await t.throwsAsync(
    connectWithRetry(flakyClient(99), {
      brokers: ['kafka-a:9092', 'kafka-b:9092'],
      operation: 'tmrm consume',
      maxAttempts: 3,
      initialBackoffMs: 1_000,
      maxBackoffMs: 1_500,
      sleep: async (ms) => void (clock += ms),
      nowMs: () => clock,
    }),
    { instanceOf: BrokerUnreachableError },
  );
  t.true(error instanceof TmrmError && error.retriable);
  t.is(
    error!.message,
    'tmrm consume: cannot reach the Kafka broker at kafka-a:9092, kafka-b:9092 after 3 attempts ' +
      'over 2.5 s; last error: Connection error: connect ECONNREFUSED; start a broker ' +
      '(npm run kafka:up) or point KAFKA_BROKERS at one',
  );
  t.is(error!.attempts, 3);
});
