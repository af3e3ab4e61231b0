import test from 'ava';
import { codecFor, makeRecord } from '@tmrm/schemas';
import { formatJson, formatPretty, type ShownRecord } from './format-record';

const where = {
  topic: 'tmrm.recommendations',
  partition: 2,
  offset: '17',
  key: Buffer.from('u1'),
  headers: {},
  timestampMs: Date.UTC(2026, 11, 3, 15, 20),
};

test('pretty shows a recommendation as ranked items with their explanations indented', (t) => {
  const recommendation = makeRecord('Recommendation');
  const shown: ShownRecord = {
    ...where,
    recordType: 'Recommendation',
    json: codecFor('Recommendation').toJson(recommendation),
  };
  t.is(
    formatPretty(shown),
    [
      '── tmrm.recommendations p2 @17  key u1  2026-12-03T15:20:00.000Z',
      '  Recommendation r1 for user u1, model m-2023-11-14.1, 2023-11-14T22:13:20.050Z',
      '     1. i9  score 0.8300',
      '          because age in [25, 34] AND genre in {Drama, Comedy}  (weight 0.610)',
      '     2. i1  score 0.4000',
      '          (no explanation)',
    ].join('\n'),
  );
});

test('pretty shows a refused request by its error', (t) => {
  const refused = { ...makeRecord('Recommendation'), items: [], error: 'unknown user u404' };
  const text = formatPretty({ ...where, recordType: 'Recommendation', json: refused });
  t.regex(text, /^ {4}error: unknown user u404$/m);
  t.notRegex(text, /no items/);
});

test('a record that did not decode shows the reason and its bytes in hex', (t) => {
  const shown: ShownRecord = {
    ...where,
    recordType: 'InteractionEvent',
    bytes: Buffer.from([0xc3, 0x01, 0x00, 0xff]),
    error: 'unknown writer schema fingerprint',
  };
  t.is(
    formatPretty(shown).split('\n').slice(1).join('\n'),
    '  cannot decode as InteractionEvent: unknown writer schema fingerprint\n' +
      '  bytes: 0xc30100ff (4 bytes)',
  );
  const json = JSON.parse(formatJson(shown)) as Record<string, unknown>;
  t.is(json.error, 'unknown writer schema fingerprint');
  t.is(json.valueBase64, 'wwEA/w==');
});

test('raw dead letters show their headers and printable values as text', (t) => {
  const shown: ShownRecord = {
    ...where,
    key: null,
    recordType: null,
    headers: { 'tmrm-error': Buffer.from('not JSON'), 'tmrm-source-offset': Buffer.from('4') },
    bytes: Buffer.from('{"oops"'),
  };
  const lines = formatPretty(shown).split('\n');
  t.regex(lines[0], /key \(no key\)/);
  t.deepEqual(lines.slice(1), [
    '  header tmrm-error: not JSON',
    '  header tmrm-source-offset: 4',
    '  value: {"oops"',
  ]);
  const json = JSON.parse(formatJson(shown)) as Record<string, unknown>;
  t.deepEqual(json.headers, { 'tmrm-error': 'not JSON', 'tmrm-source-offset': '4' });
  t.is(json.key, null);
});
