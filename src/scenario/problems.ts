/**
 * Scenario problems and the error that carries them. Every problem names the file, the line and
 * column, the path inside the document (`threats[3].launch.lat`) and what is wrong, so a user can
 * fix a file in one pass: the loader collects ALL problems of a file before throwing.
 */
import { UserError } from '../errors.js';

/** A path inside a scenario document: object keys and array indices. */
export type DocPath = readonly (string | number)[];

/** One problem found in a scenario file. Lines and columns are 1-based. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path inside the document, e.g. `threats[3].launch.lat` ('' for the whole document). */
  path: string;
  message: string;
}

/** `threats[3].launch.lat` from `['threats', 3, 'launch', 'lat']`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file:line:col: path: message` — the one-line form printed by the CLI. */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** At most this many problems are listed; the rest are counted (a garbage file can have thousands). */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * A scenario file that cannot be used. `problems` holds every problem found, sorted by position;
 * `details` (from UserError) holds them formatted one per line, which the CLI prints.
 */
export class ScenarioError extends UserError {
  readonly problems: readonly ScenarioProblem[];
  readonly file: string;
  constructor(file: string, problems: readonly ScenarioProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    const listed = sorted.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
    if (sorted.length > MAX_LISTED_PROBLEMS) listed.push(`… and ${sorted.length - MAX_LISTED_PROBLEMS} more problems`);
    const n = sorted.length;
    super(`${file}: invalid scenario (${n} problem${n === 1 ? '' : 's'})`, listed);
    this.name = 'ScenarioError';
    this.problems = sorted;
    this.file = file;
  }
}

/**
 * Optimal-string-alignment (restricted Damerau–Levenshtein) distance: insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1 (Damerau 1964; the
 * restricted variant as in Boytsov 2011, "Indexing methods for approximate dictionary searching").
 */
export function damerauLevenshtein(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows (i-2, i-1, i) of the DP table.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * The closest candidate within `maxDistance` edits (case-insensitive), or undefined. Long inputs
 * are not compared (a typo of a 12-character key is not 200 characters long).
 */
export function didYouMean(input: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  if (input.length > 64) return undefined;
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestD = maxDistance + 1;
  for (const c of candidates) {
    if (c === input) continue;
    if (Math.abs(c.length - input.length) > maxDistance) continue;
    const d = damerauLevenshtein(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** ` (did you mean `x`?)` or ''. */
export function hint(input: string, candidates: Iterable<string>): string {
  const s = didYouMean(input, candidates);
  return s === undefined ? '' : ` (did you mean \`${s}\`?)`;
}

/** A short, safe rendering of a value for a message: `123`, `"abc"`, `a list`, `a mapping`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') {
    const s = v.length > 40 ? `${v.slice(0, 37)}...` : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}
