/**
 * Throughput of the @tmrm/schemas codecs on one core: validate + encode, decode + validate
 * (single-object encoding) and fromJson, for interaction events with context and for
 * recommendations of 10 items with 3 explanation paths each.
 *
 *   npm run bench -- schemas-codec [records=50000]
 */
import {
  codecFor,
  makeInteractionEvent,
  makeRecommendation,
  type RecordCodec,
  type RankedItem,
} from '@tmrm/schemas';

const count = Number(process.argv[2] ?? 50_000);

function measure<T>(label: string, codec: RecordCodec<T>, records: T[]) {
  const json = records.map((record) => JSON.parse(JSON.stringify(codec.toJson(record))));
  codec.decode(codec.encode(records[0])); // warm up the catalog and avsc's generated code

  let started = performance.now();
  const encoded = records.map((record) => codec.encode(record));
  const encodeMs = performance.now() - started;

  started = performance.now();
  for (const bytes of encoded) codec.decode(bytes);
  const decodeMs = performance.now() - started;

  started = performance.now();
  for (const line of json) codec.fromJson(line);
  const fromJsonMs = performance.now() - started;

  const bytes = encoded.reduce((sum, buffer) => sum + buffer.length, 0);
  console.error(`${label}: ${records.length} records done`);
  const perSecond = (ms: number) => Math.round(records.length / (ms / 1000));
  return {
    records: records.length,
    meanBytes: Math.round(bytes / records.length),
    encodePerSecond: perSecond(encodeMs),
    decodePerSecond: perSecond(decodeMs),
    fromJsonPerSecond: perSecond(fromJsonMs),
  };
}

const events = Array.from({ length: count }, (_, index) =>
  makeInteractionEvent({
    eventId: `e${index}`,
    userId: `u${index % 943}`,
    itemId: `i${index % 1682}`,
    eventTimeMs: 1_700_000_000_000 + index,
    context: {
      categorical: { device: index % 2 ? 'mobile' : 'desktop', weekday: 'tue' },
      numeric: { hour: index % 24, age: 20 + (index % 50) },
      multi: { genre: ['Drama', 'Comedy'] },
    },
  }),
);

const [template] = makeRecommendation().items;
const items: RankedItem[] = Array.from({ length: 10 }, (_, rank) => ({
  ...template,
  itemId: `i${rank}`,
  explanation: [template.explanation[0], template.explanation[0], template.explanation[0]],
}));
const recommendations = Array.from({ length: Math.ceil(count / 5) }, (_, index) =>
  makeRecommendation({ requestId: `r${index}`, items }),
);

const result = {
  benchmark: 'schemas-codec',
  node: process.version,
  interactionEvent: measure('InteractionEvent', codecFor('InteractionEvent'), events),
  recommendation10x3: measure('Recommendation', codecFor('Recommendation'), recommendations),
};
console.log(JSON.stringify(result));
