/**
 * What the command lines (`npm start`, `npm run web-host`, `npm run server`) say about a flag they
 * cannot take: one line naming it, with the nearest known flag for a typo. Pure, so every CLI
 * words it the same way; each keeps its own node:util parseArgs and usage text.
 */

/** The error node:util parseArgs throws (its code says what kind). */
export interface FlagError {
  message: string;
  code?: string;
}

/** Edit distance between two short strings (typos in flag names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known flag a mistyped one was most likely meant to be (`--kisok` → `--kiosk`), or null. */
export function nearestFlag(flag: string, known: readonly string[]): string | null {
  const bare = flag.replace(/^-+/, '').split('=')[0]!.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const d = distance(bare, name);
    if (d < (best?.d ?? Infinity)) best = { name, d };
  }
  return best && best.d <= (bare.length <= 3 ? 1 : 2) ? `--${best.name}` : null;
}

/**
 * One line for what parseArgs refused: "unknown flag --kisok (did you mean --kiosk?)",
 * "--port needs a value", "--kiosk takes no value", "unexpected argument "x"".
 */
export function flagProblem(err: FlagError, known: readonly string[]): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = nearestFlag(flag, known);
      return `unknown flag ${flag}${near ? ` (did you mean ${near}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message) ? `${flag} needs a value` : `${flag} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}" (flags only; see --help)`;
    default:
      return err.message.split('\n')[0]!;
  }
}
