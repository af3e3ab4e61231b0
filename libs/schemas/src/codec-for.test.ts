import test from 'ava';
import { codecFor } from './codec-for';
import { makeRecord } from './record-factories';
import { RECORD_TYPE_NAMES } from './types';

for (const recordType of RECORD_TYPE_NAMES) {
  test(`${recordType} survives encode then decode`, (t) => {
    const codec = codecFor(recordType);
    const record = makeRecord(recordType);
    const bytes = codec.encode(record);
    t.deepEqual([...bytes.subarray(0, 2)], [0xc3, 0x01]);
    t.deepEqual(codec.decode(bytes), record);
  });

  test(`${recordType} survives toJson then fromJson, through JSON text`, (t) => {
    const codec = codecFor(recordType);
    const record = makeRecord(recordType);
    const line = JSON.stringify(codec.toJson(record));
    t.deepEqual(codec.fromJson(JSON.parse(line)), record);
  });
}

test('fromJson accepts the natural JSON form with optional fields omitted', (t) => {
  const events = codecFor('InteractionEvent');
  const line =
    '{"eventId":"e1","userId":"u1","itemId":"i9","eventType":"click",' +
    '"eventTimeMs":1700000000000,"context":{"categorical":{"device":"mobile"}}}';
  t.deepEqual(events.fromJson(JSON.parse(line)), {
    eventId: 'e1',
    userId: 'u1',
    itemId: 'i9',
    eventType: 'click',
    value: null,
    eventTimeMs: 1_700_000_000_000,
    context: { categorical: { device: 'mobile' }, numeric: {}, multi: {} },
  });
});

test('codecs with default options are shared; others are built afresh', (t) => {
  t.is(codecFor('UserProfile'), codecFor('UserProfile'));
  t.not(codecFor('UserProfile', { limits: { maxK: 5 } }), codecFor('UserProfile'));
});
