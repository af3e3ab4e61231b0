import test from 'ava';
import { firstValueFrom } from 'rxjs';
import { ConfigError } from '@tmrm/common';
import { createKafka } from './create-kafka';
import { BrokerUnreachableError } from './errors';
import { fromTopic } from './from-topic';

// Port 1 on loopback: nothing listens there, so every connect is refused at once.
const nowhere = { brokers: ['127.0.0.1:1'], clientId: 'tmrm-test' };

test('without a broker, fails with an error naming the address and what was tried', async (t) => {
  const kafka = createKafka({ connection: nowhere, retries: 0 });
  const error = await t.throwsAsync(
    firstValueFrom(
      fromTopic({
        kafka,
        brokers: nowhere.brokers,
        topics: 'anything',
        groupId: 'g',
        decode: (bytes) => bytes,
        connect: { maxAttempts: 2, initialBackoffMs: 10 },
      }),
    ),
    { instanceOf: BrokerUnreachableError },
  );
  t.regex(error!.message, /^fromTopic consumer: cannot reach the Kafka broker at 127\.0\.0\.1:1 /);
  t.regex(error!.message, /after 2 attempts over \d+\.\d s; last error: .*ECONNREFUSED/);
  t.true(error!.retriable);
});

test('rejects water marks that cannot work before anything connects', (t) => {
  const kafka = createKafka({ connection: nowhere });
  t.throws(
    () =>
      fromTopic({
        kafka,
        brokers: nowhere.brokers,
        topics: 't',
        groupId: 'g',
        decode: (bytes) => bytes,
        highWaterMark: 10,
        lowWaterMark: 20,
      }),
    { instanceOf: ConfigError, message: /^lowWaterMark = 20/ },
  );
});
