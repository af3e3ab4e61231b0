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
