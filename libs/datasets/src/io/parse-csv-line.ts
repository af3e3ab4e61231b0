/**
 * Splits one CSV line into fields, honouring double quotes (`"a, b"`, `""` for a quote inside).
 * Returns null when a quote is left open: CSV records spanning several lines are not supported
 * by the line-based readers, and such a line is reported as malformed.
 */
export function parseCsvLine(text: string, delimiter = ','): string[] | null {
  if (!text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** Quotes a CSV cell when it holds a delimiter, quote, line break or edge spaces. */
export function csvCell(value: string): string {
  if (/[",\r\n]/.test(value) || value.trim() !== value) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
