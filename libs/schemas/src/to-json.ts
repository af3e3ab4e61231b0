/**
 * The JSON-friendly form of a record: plain objects and arrays, `bytes` as base64 strings.
 * `fromJson` reads this form back.
 */
export function toJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    const json: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) json[key] = toJson(field);
    return json;
  }
  return value;
}

/**
 * A deep copy in which avsc's generated record classes become plain objects, so decoded
 * records compare equal to hand-written ones and carry no surprises for other libraries.
 * Buffers are kept as they are.
 */
export function toPlainRecord(value: unknown): unknown {
  if (Buffer.isBuffer(value) || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(toPlainRecord);
  const plain: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) plain[key] = toPlainRecord(field);
  return plain;
}
