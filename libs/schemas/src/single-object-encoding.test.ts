import test from 'ava';
import { codecFor } from './codec-for';
import { DecodeError } from './decode-error';
import { makeInteractionEvent, makeUserProfile } from './record-factories';

const events = codecFor('InteractionEvent');

test('a truncated body is a DecodeError naming the writer schema', (t) => {
  const bytes = events.encode(makeInteractionEvent());
  const error = t.throws(() => events.decode(bytes.subarray(0, bytes.length - 3)), {
    instanceOf: DecodeError,
  });
  t.regex(error.message, /InteractionEvent written with schema v1 .*does not parse: truncated/);
  t.false(error.retriable);
});

test('a record shorter than the header is a DecodeError saying so', (t) => {
  const bytes = events.encode(makeInteractionEvent());
  t.throws(() => events.decode(bytes.subarray(0, 6)), {
    instanceOf: DecodeError,
    message: 'truncated Avro single-object record: 6 bytes, the header alone is 10',
  });
});

test('a wrong marker is a DecodeError showing the bytes found', (t) => {
  const bytes = Buffer.from(events.encode(makeInteractionEvent()));
  bytes[1] = 0x02;
  t.throws(() => events.decode(bytes), {
    instanceOf: DecodeError,
    message: 'not an Avro single-object record: expected the marker c301, got c302',
  });
});

test('a Confluent-framed record gets a hint about the schema registry', (t) => {
  const error = t.throws(() => events.decode(Buffer.from([0, 0, 0, 0, 7, 2, 104])));
  t.regex(error.message, /got 0000; a leading 0 byte is the Confluent wire format/);
});

test('empty bytes are a DecodeError, not a crash', (t) => {
  t.throws(() => events.decode(Buffer.alloc(0)), {
    instanceOf: DecodeError,
    message: /got no bytes at all/,
  });
});

test('an unknown fingerprint is a DecodeError naming it and the known ones', (t) => {
  const bytes = Buffer.from(events.encode(makeInteractionEvent()));
  bytes.writeBigUInt64LE(0x0123456789abcdefn, 2);
  const error = t.throws(() => events.decode(bytes), { instanceOf: DecodeError });
  t.regex(
    error.message,
    /^unknown writer schema fingerprint 0123456789abcdef for InteractionEvent/,
  );
  t.regex(error.message, /known: v1 [0-9a-f]{16}\)/);
});

test('a record of another type is refused with both names', (t) => {
  const profileBytes = codecFor('UserProfile').encode(makeUserProfile());
  t.throws(() => events.decode(profileBytes), {
    instanceOf: DecodeError,
    message: /expected a InteractionEvent record but got a UserProfile \(schema v1/,
  });
});

test('trailing bytes after the body are a DecodeError', (t) => {
  const bytes = Buffer.concat([events.encode(makeInteractionEvent()), Buffer.from([1])]);
  t.throws(() => events.decode(bytes), { instanceOf: DecodeError, message: /trailing data/ });
});
