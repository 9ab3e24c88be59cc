/**
 * Scenario text → plain data plus a position map, for YAML and JSON alike. JSON is parsed with
 * `JSON.parse` (exact JSON semantics) and, for positions, with the yaml library too: YAML 1.2 is
 * a superset of JSON, and its parser keeps source ranges for every node (`LineCounter` turns an
 * offset into line:column).
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { DocPath } from './problems.js';

/** A position in the source (1-based). */
export interface SourcePos {
  line: number;
  column: number;
}

/** A problem found while reading the text itself (syntax, encoding). */
export interface SyntaxProblem extends SourcePos {
  message: string;
}

export interface ParsedSource {
  /** The document as plain JS data, or undefined if the text could not be parsed. */
  data: unknown;
  problems: SyntaxProblem[];
  /**
   * Position of the thing at `path`: for a mapping entry, its key; for a list item, the item. A
   * path that does not exist resolves to its deepest existing ancestor. With `key`, the position
   * of that key inside the mapping at `path` (used for unknown keys).
   */
  locate(path: DocPath, key?: string): SourcePos;
}

/** Files larger than this are refused: a scenario is hand-written text, not a data dump. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export type SourceFormat = 'yaml' | 'json';

/** YAML for `.yaml`/`.yml` and anything unknown (YAML accepts JSON too); JSON for `.json`. */
export function formatOf(fileName: string): SourceFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

/** Decode bytes as strict UTF-8; a problem instead of replacement characters. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: SyntaxProblem } {
  if (bytes.length > MAX_SOURCE_BYTES) {
    return { problem: { line: 1, column: 1, message: `file is too large (${bytes.length} bytes; limit ${MAX_SOURCE_BYTES})` } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text };
  } catch {
    // Find the first bad byte to say where the text stops being UTF-8.
    let ok = 0;
    for (let step = 1 << 20; step >= 1; step >>= 1) {
      while (ok + step <= bytes.length) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, ok + step));
          ok += step;
        } catch {
          break;
        }
      }
    }
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, ok));
    const pos = posOfOffset(prefix, prefix.length);
    return { problem: { ...pos, message: 'file is not valid UTF-8 text (binary data?)' } };
  }
}

/** Line and column of a character offset, counting lines by \n (and lone \r). */
function posOfOffset(text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NOWHERE: ParsedSource['locate'] = () => ({ line: 1, column: 1 });

/** Parse scenario text. Never throws; problems come back in `problems`. */
export function parseSource(text: string, format: SourceFormat): ParsedSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  // YAML 1.2 §5.1 and JSON (RFC 8259) allow no C0 control characters but tab, LF and CR in a document.
  const ctl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (ctl) {
    const code = ctl[0].charCodeAt(0).toString(16).padStart(2, '0');
    return { data: undefined, problems: [{ ...posOfOffset(text, ctl.index), message: `file contains a control character (0x${code}): binary data?` }], locate: NOWHERE };
  }
  if (text.trim() === '') {
    return { data: undefined, problems: [{ line: 1, column: 1, message: 'file is empty' }], locate: NOWHERE };
  }
  // A scenario is a few levels deep; thousands of nested brackets only make parsers recurse until
  // the stack overflows (slowly). Refuse them up front.
  const depth = flowDepth(text);
  if (depth.depth > MAX_FLOW_DEPTH) {
    return { data: undefined, problems: [{ ...posOfOffset(text, depth.at), message: `document is nested too deeply (more than ${MAX_FLOW_DEPTH} levels)` }], locate: NOWHERE };
  }
  let jsonData: unknown;
  if (format === 'json') {
    try {
      jsonData = JSON.parse(text);
    } catch {
      const err = jsonSyntaxError(text);
      return { data: undefined, problems: [{ ...posOfOffset(text, err.offset), message: `JSON syntax error: ${err.message}` }], locate: NOWHERE };
    }
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: format === 'yaml', prettyErrors: false, keepSourceTokens: false });
  } catch (e) {
    if (format === 'json') return { data: jsonData, problems: [], locate: NOWHERE };
    return { data: undefined, problems: [{ line: 1, column: 1, message: parserFailure(e) }], locate: NOWHERE };
  }
  const pos = (offset: number): SourcePos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = makeLocator(doc, pos);
  const problems: SyntaxProblem[] = [];

  if (format === 'json') {
    // The yaml parse only serves positions; its complaints about valid JSON (none expected) are
    // ignored, but duplicate keys — which JSON.parse silently collapses — are reported.
    for (const err of doc.errors) if (err.code === 'DUPLICATE_KEY') problems.push({ ...pos(err.pos[0]), message: 'duplicate key' });
    return { data: jsonData, problems, locate };
  }

  for (const err of doc.errors) {
    const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = err.code === 'DUPLICATE_KEY' ? 'duplicate key' : /call stack/i.test(first) ? 'document is nested too deeply' : `YAML syntax error: ${first}`;
    problems.push({ ...pos(err.pos[0]), message });
  }
  if (problems.length > 0) return { data: undefined, problems, locate };
  try {
    // maxAliasCount guards against "billion laughs" alias expansion.
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    return { data, problems, locate };
  } catch (e) {
    return { data: undefined, problems: [{ line: 1, column: 1, message: parserFailure(e) }], locate };
  }
}

/** Deepest flow nesting ([ and {) allowed; real scenarios use fewer than 10 levels. */
export const MAX_FLOW_DEPTH = 200;

/**
 * Deepest nesting of flow brackets outside quoted strings and comments, and where it is first
 * exceeded. A heuristic guard (it does not parse), used only to refuse absurd nesting quickly.
 */
function flowDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const prev = i === 0 ? '\n' : text[i - 1]!;
    if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) {
      // Skip a quoted scalar (with backslash escapes in double quotes, '' in single quotes).
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '#' && /\s/.test(prev)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max === MAX_FLOW_DEPTH + 1) at = i;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth: max, at };
}

function parserFailure(e: unknown): string {
  if (e instanceof RangeError) return 'document is nested too deeply';
  const msg = e instanceof Error ? e.message : String(e);
  if (/alias/i.test(msg)) return `YAML aliases expand too much (${msg.split('\n')[0]})`;
  return `cannot read the document: ${msg.split('\n')[0]}`;
}

function makeLocator(doc: Document.Parsed, pos: (offset: number) => SourcePos): ParsedSource['locate'] {
  const start = (n: { range?: [number, number, number] | null } | null | undefined): number | undefined => n?.range?.[0] ?? undefined;
  return (path, key) => {
    let node: unknown = doc.contents;
    let best = start(node as Node) ?? 0;
    try {
      for (const seg of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) break;
          const k = pair.key as Node;
          best = start(k) ?? best;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number') {
          const item = node.items[seg] as Node | undefined;
          if (item === undefined) break;
          best = start(item) ?? best;
          node = item;
        } else break;
      }
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (pair) best = start(pair.key as Node) ?? best;
      }
    } catch {
      // A position is a courtesy; never let it hide the problem itself.
    }
    return pos(best);
  };
}

/**
 * Where and why `text` is not JSON (RFC 8259): a small iterative scanner, used only after
 * `JSON.parse` failed, because V8's messages do not always carry a position. Iterative (an
 * explicit stack) so that deep nesting cannot overflow the call stack.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const show = (k: number) => (k >= n ? 'end of file' : `\`${text[k] === '\n' ? '\\n' : text[k]}\``);
  const fail = (message: string) => ({ offset: Math.min(i, n), message });
  // Stack of open containers: '{' or '['. `expect` is what the grammar wants next.
  const stack: string[] = [];
  type Want = 'value' | 'key' | 'colon' | 'after-value' | 'first-key-or-close' | 'first-value-or-close';
  let want: Want = 'value';
  for (;;) {
    ws();
    if (want === 'value' || want === 'first-value-or-close') {
      if (want === 'first-value-or-close' && text[i] === ']') {
        i++;
        stack.pop();
        want = 'after-value';
        continue;
      }
      const c = text[i];
      if (c === '{') {
        stack.push('{');
        i++;
        want = 'first-key-or-close';
        continue;
      }
      if (c === '[') {
        stack.push('[');
        i++;
        want = 'first-value-or-close';
        continue;
      }
      if (c === '"') {
        const e = scanString();
        if (e) return e;
      } else if (c !== undefined && /[-0-9]/.test(c)) {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!m) return fail(`bad number at ${show(i)}`);
        i += m[0].length;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return fail(`expected a value, found ${show(i)}`);
      want = 'after-value';
      continue;
    }
    if (want === 'key' || want === 'first-key-or-close') {
      if (want === 'first-key-or-close' && text[i] === '}') {
        i++;
        stack.pop();
        want = 'after-value';
        continue;
      }
      if (text[i] !== '"') return fail(`expected a "key" in double quotes, found ${show(i)}`);
      const e = scanString();
      if (e) return e;
      want = 'colon';
      continue;
    }
    if (want === 'colon') {
      if (text[i] !== ':') return fail(`expected \`:\` after the key, found ${show(i)}`);
      i++;
      want = 'value';
      continue;
    }
    // after-value
    const top = stack.at(-1);
    if (top === undefined) {
      if (i < n) return fail(`unexpected ${show(i)} after the end of the document`);
      return { offset: n, message: 'invalid JSON' };
    }
    if (text[i] === ',') {
      i++;
      want = top === '{' ? 'key' : 'value';
      continue;
    }
    if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
      i++;
      stack.pop();
      want = 'after-value';
      continue;
    }
    return fail(`expected \`,\` or \`${top === '{' ? '}' : ']'}\`, found ${show(i)}`);
  }
  function scanString(): { offset: number; message: string } | null {
    const start = i;
    i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return null;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'bad \\u escape in a string' };
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, message: 'bad escape in a string' };
        i += 2;
        continue;
      }
      if (c < ' ') return { offset: i, message: c === '\n' ? 'a string runs past the end of the line' : 'control character in a string' };
      i++;
    }
    return { offset: start, message: 'a string is not closed' };
  }
}
