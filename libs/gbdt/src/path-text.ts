import type { FeatureSpec } from './feature-spec';
import type { PathConstraint } from './path-constraint';

/**
 * A condition as the shared contract has it (`op` one of '<', '>=', 'in', '=',
 * 'not in', '!=', 'is missing', 'is not missing'), plus whether missing values
 * also satisfy it and its rendered text.
 */
export interface PathCondition {
  feature: string;
  op: string;
  value: string;
  orMissing: boolean;
  text: string;
}

/** Category sets longer than this are shortened in `text` (never in `value`). */
const MAX_LABELS_IN_TEXT = 8;

/**
 * Renders a merged constraint in the user's units (`float32` for models that
 * compare in float32, whose thresholds then print as their shortest float32 form).
 *
 * Numeric thresholds are data values: a split `x < t` has t the smallest value
 * on its right. For a feature whose training values were all integers, `x < t`
 * is `x <= ceil(t) - 1` and `x >= t` is `x >= ceil(t)`, so a range reads as the
 * closed integer range `age in [25, 34]` (and `age = 30` when it is one value).
 * Other features keep half-open ranges, `x in [0.5, 2.25)`.
 *
 * Missing values: when a feature had missing values in training and they satisfy
 * the condition, the text says `(or missing)`; when they do not, the plain
 * comparison already excludes them (a comparison with a missing value is false).
 * A constraint that only excludes missing values reads `x is not missing`.
 */
export function renderConstraint(
  feature: FeatureSpec,
  constraint: PathConstraint,
  float32 = false,
): PathCondition | null {
  const base =
    constraint.kind === 'numeric'
      ? numericOp(feature, constraint, float32 ? formatFloat32 : formatNumber)
      : categoricalOp(feature, constraint);
  if (base === null) {
    if (constraint.missing) return null;
    return finish(feature.name, 'is not missing', '', false, false);
  }
  if (base.op === 'is missing') return finish(feature.name, 'is missing', '', true, false);
  const showMissing = constraint.missing && feature.hasMissing !== false;
  return finish(
    feature.name,
    base.op,
    base.value,
    constraint.missing,
    showMissing,
    base.shortValue,
  );
}

function finish(
  name: string,
  op: string,
  value: string,
  orMissing: boolean,
  showMissing: boolean,
  shortValue = value,
): PathCondition {
  const text = `${name} ${op}${shortValue === '' ? '' : ` ${shortValue}`}${showMissing ? ' (or missing)' : ''}`;
  return { feature: name, op, value, orMissing, text };
}

interface Op {
  op: string;
  value: string;
  shortValue?: string;
}

function numericOp(
  feature: FeatureSpec,
  constraint: Extract<PathConstraint, { kind: 'numeric' }>,
  format: (value: number) => string,
): Op | null {
  const hasLower = constraint.lower > -Infinity;
  const hasUpper = constraint.upper < Infinity;
  if (!hasLower && !hasUpper) return null;
  if (feature.integer) {
    const low = Math.ceil(constraint.lower);
    const highExclusive = Math.ceil(constraint.upper);
    if (!hasUpper) return { op: '>=', value: format(low) };
    if (!hasLower) return { op: '<', value: format(highExclusive) };
    const high = highExclusive - 1;
    if (low === high) return { op: '=', value: format(low) };
    return { op: 'in', value: `[${format(low)}, ${format(high)}]` };
  }
  if (!hasUpper) return { op: '>=', value: format(constraint.lower) };
  if (!hasLower) return { op: '<', value: format(constraint.upper) };
  return {
    op: 'in',
    value: `[${format(constraint.lower)}, ${format(constraint.upper)})`,
  };
}

/**
 * Natural order of category labels ("2" before "10"). One collator for every comparison:
 * `a.localeCompare(b, 'en', options)` builds a collator per call, which made rendering the
 * paths of a 100-tree ensemble over ~1,000 user and item ids take tens of minutes.
 */
const labelOrder = new Intl.Collator('en', { numeric: true });

function categoricalOp(
  feature: FeatureSpec,
  constraint: Extract<PathConstraint, { kind: 'categorical' }>,
): Op | null {
  const label = (code: number) => feature.categories?.[code] ?? `#${code}`;
  const list = (codes: Set<number>) => [...codes].map(label).sort(labelOrder.compare);
  if (constraint.include !== null) {
    const labels = list(constraint.include);
    if (labels.length === 0)
      return constraint.missing ? { op: 'is missing', value: '' } : { op: 'in', value: '{}' };
    if (labels.length === 1) return { op: '=', value: labels[0] };
    return { op: 'in', value: `{${labels.join(', ')}}`, shortValue: shortSet(labels) };
  }
  const labels = list(constraint.exclude);
  if (labels.length === 0) return null;
  if (labels.length === 1) return { op: '!=', value: labels[0] };
  return { op: 'not in', value: `{${labels.join(', ')}}`, shortValue: shortSet(labels) };
}

function shortSet(labels: string[]): string {
  if (labels.length <= MAX_LABELS_IN_TEXT) return `{${labels.join(', ')}}`;
  const shown = labels.slice(0, MAX_LABELS_IN_TEXT).join(', ');
  return `{${shown}, and ${labels.length - MAX_LABELS_IN_TEXT} more}`;
}

/**
 * Thresholds print exactly (shortest round-trip form): trained cuts are chosen
 * short (see `quantileCuts`), and an imported threshold is shown as it acts.
 */
export function formatNumber(value: number): string {
  return String(value);
}

/** For float32 comparisons (XGBoost): the shortest decimal with the same float32 value. */
export function formatFloat32(value: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}
