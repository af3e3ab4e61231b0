/** Parses a finite number; null for anything else (empty, `NaN`, `12abc`). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Parses a safe integer; null for anything else. */
export function parseInteger(text: string): number | null {
  const value = parseNumber(text);
  return value !== null && Number.isSafeInteger(value) ? value : null;
}

/** A 4-digit year in parentheses at the end of a MovieLens title, e.g. `Heat (1995)`. */
export function yearFromTitle(title: string): number | null {
  const match = /\((\d{4})(?:[-–]\d{0,4})?\)\s*$/.exec(title.trim());
  return match ? Number(match[1]) : null;
}
