import { EvalError } from '../eval-error';

/**
 * Small structural checks for reading results files: each names the JSON path
 * of the value at fault (`runs[3].auc`), so a hand-edited or truncated file
 * says exactly where it went wrong.
 */
export function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw shapeError(path, value, 'an object');
  }
  return value as Record<string, unknown>;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw shapeError(path, value, 'an array');
  return value;
}

export function numberAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw shapeError(path, value, 'a finite number');
  }
  return value;
}

export function nullableNumberAt(value: unknown, path: string): number | null {
  return value === null ? null : numberAt(value, path);
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw shapeError(path, value, 'a string');
  return value;
}

function shapeError(path: string, value: unknown, expected: string): EvalError {
  const shown = value === undefined ? 'missing' : JSON.stringify(value)?.slice(0, 40);
  return new EvalError(`results: ${path} is ${shown}; expected ${expected}`);
}
