/**
 * What a path to a leaf requires of one feature, after every split on that
 * feature along the path has been merged.
 *
 * Numeric: `lower <= x < upper` (infinite bounds when unconstrained).
 * Categorical: the code is in `include` (when not null) and not in `exclude`.
 * Either kind: a missing value (`NaN`) satisfies it exactly when `missing` is true.
 */
export type PathConstraint = NumericConstraint | CategoricalConstraint;

export interface NumericConstraint {
  kind: 'numeric';
  feature: number;
  lower: number;
  upper: number;
  missing: boolean;
}

export interface CategoricalConstraint {
  kind: 'categorical';
  feature: number;
  include: Set<number> | null;
  exclude: Set<number>;
  missing: boolean;
}

/** Does a raw value (numeric value or category code, NaN missing) satisfy the constraint? */
export function satisfies(constraint: PathConstraint, value: number): boolean {
  if (value !== value) return constraint.missing;
  if (constraint.kind === 'numeric') return constraint.lower <= value && value < constraint.upper;
  if (constraint.include !== null && !constraint.include.has(value)) return false;
  return !constraint.exclude.has(value);
}

/** Narrows a numeric constraint by one split side: `x < threshold` (left) or `x >= threshold`. */
export function narrowNumeric(
  constraint: NumericConstraint,
  threshold: number,
  goesLeft: boolean,
  missingGoes: boolean,
): NumericConstraint {
  return {
    ...constraint,
    lower: goesLeft ? constraint.lower : Math.max(constraint.lower, threshold),
    upper: goesLeft ? Math.min(constraint.upper, threshold) : constraint.upper,
    missing: constraint.missing && missingGoes,
  };
}

/** Narrows a categorical constraint: in `set` (left) or not in it (right); sets intersect. */
export function narrowCategorical(
  constraint: CategoricalConstraint,
  set: number[],
  goesLeft: boolean,
  missingGoes: boolean,
): CategoricalConstraint {
  const missing = constraint.missing && missingGoes;
  if (goesLeft) {
    const base = constraint.include ?? new Set(set);
    const include = new Set(
      [...base].filter((code) => set.includes(code) && !constraint.exclude.has(code)),
    );
    return { ...constraint, include, exclude: new Set(), missing };
  }
  if (constraint.include !== null) {
    const include = new Set([...constraint.include].filter((code) => !set.includes(code)));
    return { ...constraint, include, missing };
  }
  return { ...constraint, exclude: new Set([...constraint.exclude, ...set]), missing };
}
