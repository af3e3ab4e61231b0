import { SchemaCatalog } from './schema-catalog';
import { loadSchemaSources } from './load-schema-sources';

let shipped: SchemaCatalog | undefined;

/** The catalog of the `.avsc` files shipped in `libs/schemas/avro`, read once. */
export function defaultSchemaCatalog(): SchemaCatalog {
  shipped ??= new SchemaCatalog(loadSchemaSources());
  return shipped;
}
