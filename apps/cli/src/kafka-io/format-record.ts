import type { IHeaders } from 'kafkajs';
import type { Recommendation } from '@tmrm/schemas';

/** A consumed record as the `consume` command shows it: decoded, raw, or failed. */
export interface ShownRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  headers: IHeaders;
  timestampMs: number;
  recordType: string | null;
  /** The JSON-friendly value (codec `toJson`), absent for raw records and failures. */
  json?: unknown;
  /** The value bytes, for raw records (no record type) and records that failed to decode. */
  bytes?: Buffer | null;
  /** Why the record did not decode. */
  error?: string;
}

/** One line of JSON per record, for `jq` and friends. */
export function formatJson(record: ShownRecord): string {
  const line: Record<string, unknown> = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key === null ? null : record.key.toString('utf8'),
    timestampMs: record.timestampMs,
    headers: headerStrings(record.headers),
  };
  if (record.recordType) line.type = record.recordType;
  if (record.error !== undefined) line.error = record.error;
  if (record.json !== undefined) line.value = record.json;
  else if (record.bytes !== undefined) {
    line.valueBase64 = record.bytes === null ? null : record.bytes.toString('base64');
  }
  return JSON.stringify(line);
}

/** A readable block per record; recommendations list items, scores and explanations. */
export function formatPretty(record: ShownRecord): string {
  const key = record.key === null ? '(no key)' : record.key.toString('utf8');
  const when = new Date(record.timestampMs).toISOString();
  const lines = [`── ${record.topic} p${record.partition} @${record.offset}  key ${key}  ${when}`];

  if (record.error !== undefined) {
    lines.push(`  cannot decode as ${record.recordType}: ${record.error}`);
    lines.push(`  bytes: ${showBytes(record.bytes ?? null)}`);
  } else if (record.recordType === 'Recommendation') {
    lines.push(...prettyRecommendation(record.json as Recommendation));
  } else if (record.json !== undefined) {
    lines.push(`  ${record.recordType} ${JSON.stringify(record.json)}`);
  } else {
    for (const [name, value] of Object.entries(headerStrings(record.headers))) {
      lines.push(`  header ${name}: ${value}`);
    }
    lines.push(`  value: ${showBytes(record.bytes ?? null)}`);
  }
  return lines.join('\n');
}

function prettyRecommendation(rec: Recommendation): string[] {
  const created = new Date(rec.createdAtMs).toISOString();
  const lines = [
    `  Recommendation ${rec.requestId} for user ${rec.userId}, model ${rec.modelVersion}, ${created}`,
  ];
  if (rec.error !== null) lines.push(`    error: ${rec.error}`);
  if (rec.items.length === 0 && rec.error === null) lines.push('    (no items)');
  rec.items.forEach((item, rank) => {
    lines.push(`  ${String(rank + 1).padStart(4)}. ${item.itemId}  score ${item.score.toFixed(4)}`);
    if (item.explanation.length === 0) lines.push('          (no explanation)');
    for (const path of item.explanation) {
      lines.push(`          because ${path.text}  (weight ${path.weight.toFixed(3)})`);
    }
  });
  return lines;
}

function headerStrings(headers: IHeaders): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    shown[name] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return shown;
}

/** Text when the bytes are printable UTF-8, hex otherwise; long values are cut. */
function showBytes(bytes: Buffer | null): string {
  if (bytes === null) return '(null: a tombstone)';
  const text = bytes.toString('utf8');
  const printable = !text.includes('\uFFFD') && !hasControlCharacters(text);
  const limit = 512;
  if (printable)
    return text.length > limit ? `${text.slice(0, limit)}... (${bytes.length} bytes)` : text;
  const hex = bytes.subarray(0, limit / 2).toString('hex');
  return `0x${hex}${bytes.length > limit / 2 ? '...' : ''} (${bytes.length} bytes)`;
}

/** True for C0 control characters other than tab, newline and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}
