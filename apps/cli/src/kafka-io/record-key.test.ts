import test from 'ava';
import { recordKey } from './record-key';

test('keys keep a user together and make profiles and chunks compactable', (t) => {
  t.is(recordKey('InteractionEvent', { userId: 'u7' } as never), 'u7');
  t.is(recordKey('Recommendation', { userId: 'u7' } as never), 'u7');
  t.is(recordKey('ItemProfile', { itemId: 'i3' } as never), 'i3');
  t.is(recordKey('ModelSnapshotChunk', { modelId: 'tmrm', chunkIndex: 4 } as never), 'tmrm/4');
});
