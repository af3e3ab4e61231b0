import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RECORD_TYPE_NAMES, type RecordTypeName } from './types';
import type { SchemaSource } from './schema-catalog';

/** Where the shipped `.avsc` files live: `libs/schemas/avro/NAME.vN.avsc`. */
export const AVRO_SCHEMA_DIR = fileURLToPath(new URL('../avro/', import.meta.url));

const FILE_NAME = /^([A-Za-z]+)\.v([1-9][0-9]*)\.avsc$/;

/**
 * Reads every `NAME.vN.avsc` file of a folder. Every version stays: old versions are the
 * writer schemas of records already on the topics.
 */
export function loadSchemaSources(dir: string = AVRO_SCHEMA_DIR): SchemaSource[] {
  const sources: SchemaSource[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    const recordType = match[1] as RecordTypeName;
    if (!RECORD_TYPE_NAMES.includes(recordType)) {
      throw new Error(`schema files: ${file} names no known record type`);
    }
    const schema = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as object;
    sources.push({ recordType, version: Number(match[2]), schema });
  }
  return sources;
}
