/**
 * A group member for the crash test, run as its own process so the test can kill it
 * with SIGKILL: no leave, no last commit, nothing in `finally`. It reads the topic,
 * acknowledges the first `ackCount` records, prints `acked` and then holds the rest
 * unacknowledged until it is killed.
 *
 *   node --import tsx crashing-member.ts TOPIC GROUP ACK_COUNT
 */
import { fromTopic } from '../from-topic';
import { connectionFromEnv } from '../connection';
import { createKafka } from '../create-kafka';

const [topic, groupId, ackCount] = process.argv.slice(2);
const connection = connectionFromEnv();
let received = 0;
fromTopic({
  kafka: createKafka({ connection }),
  brokers: connection.brokers,
  topics: topic,
  groupId,
  fromBeginning: true,
  decode: (bytes) => Number(String(bytes)),
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 1_000,
}).subscribe((record) => {
  received += 1;
  if (received <= Number(ackCount)) record.ack();
  if (received === Number(ackCount)) process.stdout.write('acked\n');
});
