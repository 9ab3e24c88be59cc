/**
 * zod issues → located, human-readable problems. zod says what failed and where (a path); this
 * module says it in the user's words, with the offending value, "did you mean" hints for unknown
 * keys and enum values, and, for unions, the explanation of the alternative the user most likely
 * meant.
 */
import type * as z from 'zod';
import { describeValue, hint, type DocPath } from './problems.js';
import { ALLOWED_KEYS_MARK } from './schema.js';

/** A problem before it is given a position: a path, optionally a key inside that path, a message. */
export interface PathProblem {
  path: DocPath;
  /** For an unknown key: the key, located at its own position. */
  key?: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: DocPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'a string (text)',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping (key: value)',
  literal: 'a fixed value',
};

/**
 * How badly a union branch missed: a type mismatch at the union's own position (the user meant
 * something else entirely) costs 1000; every other issue costs 1. The cheapest branch is the one
 * the user most likely meant.
 */
function branchCost(issues: readonly Issue[]): number {
  let cost = 0;
  for (const i of issues) {
    if (i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_union' && i.errors.length === 0))) cost += 1000;
    else if (i.code === 'unrecognized_keys') cost += i.keys.length;
    else cost += 1;
  }
  return cost;
}

/** Convert zod issues to path problems. `data` is the parsed document (for the values in messages). */
export function problemsFromIssues(issues: readonly Issue[], data: unknown, base: DocPath = []): PathProblem[] {
  const out: PathProblem[] = [];
  for (const issue of issues) convert(issue, data, base, out);
  return out;
}

function convert(issue: Issue, data: unknown, base: DocPath, out: PathProblem[]): void {
  const path: DocPath = [...base, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  const got = `(got ${describeValue(value)})`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = issue.message.startsWith(ALLOWED_KEYS_MARK) ? (JSON.parse(issue.message.slice(ALLOWED_KEYS_MARK.length)) as string[]) : [];
      for (const key of issue.keys) {
        const h = hint(key, allowed);
        const rest = h !== '' ? h : allowed.length > 0 && allowed.length <= 12 ? ` (allowed: ${allowed.join(', ')})` : '';
        out.push({ path, key, message: `unknown key \`${key.length > 60 ? `${key.slice(0, 57)}...` : key}\`${rest}` });
      }
      return;
    }
    case 'invalid_type': {
      if (value === undefined) {
        out.push({ path, message: 'required' });
        return;
      }
      if (typeof value === 'number' && issue.expected === 'number') {
        out.push({ path, message: `must be a finite number ${got}` });
        return;
      }
      if (issue.expected === 'int' || issue.message.startsWith('must')) {
        out.push({ path, message: issue.message.startsWith('must') ? issue.message : `must be an integer ${got}` });
        return;
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const empty = value === null ? ' — an empty value: fill it in or remove the key' : '';
      out.push({ path, message: `must be ${expected} ${got.slice(0, -1)}${empty})` });
      return;
    }
    case 'invalid_value': {
      if (issue.message.startsWith('must') || issue.message.startsWith('required') || issue.message.startsWith('unsupported')) {
        out.push({ path, message: issue.message });
        return;
      }
      const options = issue.values.map((v) => String(v));
      const h = typeof value === 'string' ? hint(value, options) : '';
      const list = options.length === 1 ? `\`${options[0]}\`` : `one of ${options.join(', ')}`;
      out.push({ path, message: `must be ${list} ${got}${h}` });
      return;
    }
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        // A discriminated union whose discriminator did not match (or was missing).
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        if (value === undefined) out.push({ path, message: `required${options.length ? ` (one of ${options.join(', ')})` : ''}` });
        else if (options.length > 0) out.push({ path, message: `must be one of ${options.join(', ')} ${got}${typeof value === 'string' ? hint(value, options) : ''}` });
        else out.push({ path, message: issue.message });
        return;
      }
      if (value === undefined) {
        out.push({ path, message: 'required' });
        return;
      }
      let best = -1;
      let bestCost = Infinity;
      issue.errors.forEach((branch, i) => {
        const c = branchCost(branch);
        if (c < bestCost) {
          bestCost = c;
          best = i;
        }
      });
      if (bestCost >= 1000 || best < 0) {
        out.push({ path, message: issue.message.startsWith('must') ? issue.message : `is not valid ${got}` });
        return;
      }
      for (const sub of issue.errors[best]!) convert(sub, data, path, out);
      return;
    }
    case 'too_big':
    case 'too_small': {
      if (issue.message.startsWith('must') || issue.message.startsWith('a ') || issue.message.startsWith('at least')) {
        out.push({ path, message: issue.message });
        return;
      }
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array' || issue.origin === 'string') {
        const what = issue.origin === 'array' ? 'items' : 'characters';
        const n = Array.isArray(value) || typeof value === 'string' ? value.length : '?';
        out.push({ path, message: `must have ${issue.code === 'too_big' ? 'at most' : 'at least'} ${String(bound)} ${what} (got ${n})` });
        return;
      }
      const rel = issue.code === 'too_big' ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'greater than';
      out.push({ path, message: `must be ${rel} ${String(bound)} ${got}` });
      return;
    }
    case 'invalid_format': {
      out.push({ path, message: issue.message.startsWith('must') ? issue.message : `has the wrong format ${got}` });
      return;
    }
    case 'invalid_key': {
      for (const sub of issue.issues) convert(sub, data, path, out);
      return;
    }
    case 'invalid_element': {
      for (const sub of issue.issues) convert(sub, data, path, out);
      return;
    }
    default: {
      out.push({ path, message: issue.message });
    }
  }
}
