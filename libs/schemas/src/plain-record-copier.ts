import type avro from 'avsc';

/** Copies a decoded value of one Avro type; `null` when the value can be used as it is. */
type Copier = ((value: unknown) => unknown) | null;

/**
 * Compiles a copier that turns the instances of avsc's generated record classes in a decoded
 * value into plain objects, so decoded records compare equal to hand-written ones and carry no
 * surprises into other libraries. Maps and arrays from avsc are already plain; only the parts of
 * the schema that contain records are walked. Compiled once per schema: walking a value
 * generically (Object.entries at every level) cost as much as decoding it.
 */
export function compilePlainCopier(type: avro.Type): (value: unknown) => unknown {
  return compile(type) ?? ((value) => value);
}

function compile(type: avro.Type): Copier {
  switch (type.typeName) {
    case 'record': {
      const fields = (type as avro.types.RecordType).fields.map(
        (field) => [field.name, compile(field.type)] as const,
      );
      return (value) => {
        const source = value as Record<string, unknown>;
        const plain: Record<string, unknown> = {};
        for (const [name, copy] of fields) {
          plain[name] = copy === null ? source[name] : copy(source[name]);
        }
        return plain;
      };
    }
    case 'union:unwrapped': {
      const branches = (type as avro.types.UnwrappedUnionType).types.filter(
        (branch) => branch.typeName !== 'null',
      );
      // Only optional values (null or one type) occur in tmrm's schemas.
      if (branches.length !== 1) return null;
      const copy = compile(branches[0]);
      return copy === null ? null : (value) => (value === null ? null : copy(value));
    }
    case 'array': {
      const copy = compile((type as avro.types.ArrayType).itemsType);
      return copy === null ? null : (value) => (value as unknown[]).map(copy);
    }
    case 'map': {
      const copy = compile((type as avro.types.MapType).valuesType as avro.Type);
      if (copy === null) return null;
      return (value) => {
        const plain: Record<string, unknown> = {};
        for (const [key, entry] of Object.entries(value as object)) plain[key] = copy(entry);
        return plain;
      };
    }
    default:
      return null;
  }
}
