/** Turns a React useId() value into something safe inside `url(#…)` references. */
export function svgId(reactId: string, suffix: string): string {
  return `cs${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}-${suffix}`;
}
