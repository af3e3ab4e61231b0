import test from 'ava';
import { defaultSchemaCatalog } from './default-schema-catalog';
import type { RecordTypeName } from './types';

// Records on the topics carry these fingerprints. A published version's file must never change
// (it would orphan every record written with it): a change belongs in a new NAME.vN+1.avsc.
// The README's table lists the same values.
const PUBLISHED: [RecordTypeName, number, string][] = [
  ['InteractionEvent', 1, '176e2cfc84ee9d2b'],
  ['UserProfile', 1, '3ad7518596c22cec'],
  ['ItemProfile', 1, 'f3b7b5513c953862'],
  ['RecommendationRequest', 1, '0f31420f31fcf113'],
  ['Recommendation', 1, '8a7f981c4e6e1762'],
  ['ModelSnapshotChunk', 1, '38f65d3725f18108'],
];

for (const [recordType, version, fingerprintHex] of PUBLISHED) {
  test(`${recordType} v${version} keeps its published fingerprint`, (t) => {
    const shipped = defaultSchemaCatalog()
      .versions(recordType)
      .find((candidate) => candidate.version === version);
    t.is(shipped?.fingerprintHex, fingerprintHex);
    t.is(defaultSchemaCatalog().findByFingerprint(fingerprintHex), shipped);
  });
}
