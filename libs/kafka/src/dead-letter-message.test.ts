import test from 'ava';
import { DEAD_LETTER_HEADERS, deadLetterMessage } from './dead-letter-message';

test('keeps the original key, bytes and headers and adds why, where and when', (t) => {
  const value = Buffer.from([0xc3, 0x01, 0xff]);
  const message = deadLetterMessage(
    {
      topic: 'tmrm.interactions',
      partition: 4,
      offset: '1234',
      key: Buffer.from('user-7'),
      value,
      headers: { traceparent: '00-abc-01' },
    },
    new RangeError('eventTimeMs: 1e20 is out of range'),
    1_700_000_000_000,
  );
  t.deepEqual(message.key, Buffer.from('user-7'));
  t.is(message.value, value);
  t.deepEqual(message.headers, {
    traceparent: '00-abc-01',
    [DEAD_LETTER_HEADERS.error]: 'eventTimeMs: 1e20 is out of range',
    [DEAD_LETTER_HEADERS.errorClass]: 'RangeError',
    [DEAD_LETTER_HEADERS.sourceTopic]: 'tmrm.interactions',
    [DEAD_LETTER_HEADERS.sourcePartition]: '4',
    [DEAD_LETTER_HEADERS.sourceOffset]: '1234',
    [DEAD_LETTER_HEADERS.failedAtMs]: '1700000000000',
  });
});

test('cuts an enormous error message and copes with a thrown non-Error', (t) => {
  const record = { topic: 't', partition: 0, offset: '0', key: null, value: null, headers: {} };
  const long = deadLetterMessage(record, new Error('x'.repeat(100_000)), 0);
  t.is(String(long.headers![DEAD_LETTER_HEADERS.error]).length, 4_000);
  const odd = deadLetterMessage(record, 'plain string', 0);
  t.is(odd.headers![DEAD_LETTER_HEADERS.errorClass], 'string');
  t.is(odd.headers![DEAD_LETTER_HEADERS.error], 'plain string');
});
