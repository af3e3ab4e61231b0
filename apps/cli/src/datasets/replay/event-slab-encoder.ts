import type { InteractionEvent } from '@tmrm/datasets';
import {
  codecFor,
  defaultSchemaCatalog,
  SINGLE_OBJECT_HEADER_BYTES,
  SINGLE_OBJECT_MARKER,
} from '@tmrm/schemas';

/** Bytes of a fresh slab: room for about 15,000 events of 70 bytes. */
const SLAB_BYTES = 1 << 20;

/**
 * Encodes interaction events exactly as `codecFor('InteractionEvent').encode` does (checked,
 * then the Avro single-object encoding: marker, fingerprint, body), but writes them one after
 * the other into large slabs and hands out views, so an event costs no buffer allocations of
 * its own. A slab is freed once every message viewing it has been sent and dropped.
 */
export class EventSlabEncoder {
  private readonly codec = codecFor('InteractionEvent');
  private readonly writer = defaultSchemaCatalog().current('InteractionEvent');
  private readonly header = Buffer.concat([SINGLE_OBJECT_MARKER, this.writer.fingerprintBytes]);
  private slab = Buffer.allocUnsafe(SLAB_BYTES);
  private used = 0;

  /** The event's bytes, a view into the current slab. Throws as the codec does on a bad event. */
  encode(event: InteractionEvent): Buffer {
    const checked = this.codec.validate(event);
    let end = this.write(checked);
    if (end < 0) {
      // Too little room left: a new slab, large enough for this event even if it is huge.
      this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 2 * (SINGLE_OBJECT_HEADER_BYTES - end)));
      this.used = 0;
      end = this.write(checked);
    }
    const bytes = this.slab.subarray(this.used, end);
    this.used = end;
    return bytes;
  }

  /** Writes at `used`; returns the end, or minus the bytes missing (avsc's convention). */
  private write(event: InteractionEvent): number {
    if (this.slab.length - this.used < SINGLE_OBJECT_HEADER_BYTES)
      return -SINGLE_OBJECT_HEADER_BYTES;
    this.header.copy(this.slab, this.used);
    return this.writer.type.encode(event, this.slab, this.used + SINGLE_OBJECT_HEADER_BYTES);
  }
}
