import type avro from 'avsc';
import { childPath, fail, indexPath, type CheckContext } from './check-fields';

/**
 * Turns the natural JSON form of a record (one parsed JSONL line) into the record's in-memory
 * shape, guided by its Avro schema:
 * - an omitted optional field (a union with null) becomes null; an omitted field with a default
 *   (e.g. the `numeric` map of features) gets the default;
 * - `bytes` are given as base64 strings;
 * - a `long` field whose name ends in `Ms` (a timestamp) also accepts an ISO-8601 date-time
 *   with a zone (`2023-11-14T22:13:20Z`, `2023-11-14T23:13:20+01:00`) or a date (`2023-11-14`,
 *   read as midnight UTC); a date-time without a zone is refused because its meaning would
 *   depend on the machine's time zone;
 * - a field the schema does not have is refused (it is usually a typo).
 * It converts and does not judge: the record's validator checks the result.
 */
export function fromJson(ctx: CheckContext, type: avro.Type, json: unknown): unknown {
  return convert(ctx, type, json, '', '');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function convert(
  ctx: CheckContext,
  type: avro.Type,
  json: unknown,
  path: string,
  fieldName: string,
): unknown {
  switch (type.typeName) {
    case 'record':
      return convertRecord(ctx, type as avro.types.RecordType, json, path);
    case 'union:unwrapped': {
      if (json === null || json === undefined) return null;
      const branch = (type as avro.types.UnwrappedUnionType).types.find(
        (member) => member.typeName !== 'null',
      );
      return branch ? convert(ctx, branch, json, path, fieldName) : json;
    }
    case 'map':
      return convertMap(ctx, type as avro.types.MapType, json, path);
    case 'array': {
      if (!Array.isArray(json)) return json;
      const items = (type as avro.types.ArrayType).itemsType;
      return json.map((item, index) => convert(ctx, items, item, indexPath(path, index), ''));
    }
    case 'bytes':
      if (typeof json !== 'string' || !BASE64.test(json)) {
        fail(ctx, path, 'must be a base64 string', json);
      }
      return Buffer.from(json, 'base64');
    case 'long':
      return fieldName.endsWith('Ms') ? convertTimestamp(ctx, json, path) : json;
    default:
      return json;
  }
}

function convertRecord(
  ctx: CheckContext,
  type: avro.types.RecordType,
  json: unknown,
  path: string,
): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const given = json as Record<string, unknown>;
  const names = type.fields.map((field) => field.name);
  for (const key of Object.keys(given)) {
    if (!names.includes(key)) {
      fail(ctx, childPath(path, key), `is not a field; the fields are ${names.join(', ')}`, key);
    }
  }

  const record: Record<string, unknown> = {};
  for (const field of type.fields) {
    const value = given[field.name];
    const fieldPath = childPath(path, field.name);
    record[field.name] =
      value === undefined && field.defaultValue() !== undefined
        ? field.defaultValue()
        : convert(ctx, field.type, value, fieldPath, field.name);
  }
  return record;
}

function convertMap(
  ctx: CheckContext,
  type: avro.types.MapType,
  json: unknown,
  path: string,
): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const values = type.valuesType as avro.Type;
  const map: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    // Assigning "__proto__" would replace the map's prototype instead of adding an entry.
    if (key === '__proto__') fail(ctx, childPath(path, key), 'is a reserved name', key);
    map[key] = convert(ctx, values, value, childPath(path, key), '');
  }
  return map;
}

function convertTimestamp(ctx: CheckContext, json: unknown, path: string): unknown {
  if (typeof json !== 'string') return json;
  const parsed = ISO_DATE.test(json) || ISO_DATE_TIME.test(json) ? Date.parse(json) : NaN;
  if (Number.isNaN(parsed)) {
    const rule =
      'must be epoch milliseconds or an ISO-8601 date-time with a zone, ' +
      'e.g. 2023-11-14T22:13:20Z';
    fail(ctx, path, rule, json);
  }
  return parsed;
}
