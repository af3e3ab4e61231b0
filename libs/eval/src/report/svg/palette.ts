/**
 * Colours for models: TMRM's own variants in warm tones so they stand out
 * against the baselines in cool and neutral tones, as the paper's figures
 * single out TMRM. Chosen to stay distinguishable for common colour-vision
 * deficiencies (after the Okabe-Ito palette).
 */
const tmrmColours = ['#d55e00', '#e69f00', '#cc79a7'];
const baselineColours = [
  '#0072b2',
  '#009e73',
  '#56b4e9',
  '#6a5acd',
  '#2f4f4f',
  '#8c8c8c',
  '#3b7d9c',
  '#7a9a01',
  '#a0522d',
];

/** A stable colour per model name within one chart's list of models. */
export function coloursFor(models: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>();
  let tmrm = 0;
  let baseline = 0;
  for (const model of models) {
    if (colours.has(model)) continue;
    const own = model.startsWith('tmrm');
    colours.set(
      model,
      own
        ? tmrmColours[tmrm++ % tmrmColours.length]
        : baselineColours[baseline++ % baselineColours.length],
    );
  }
  return colours;
}
