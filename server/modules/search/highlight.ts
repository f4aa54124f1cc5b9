import { normalise } from './normalise.js';

/** A window of the original text with the matched ranges, as offsets into `text`. */
export type Snippet = {
  /** The window, cut from the original text (not normalised). */
  text: string;
  /** [start, end) UTF-16 offsets into `text`, sorted, not overlapping. */
  highlights: [number, number][];
  /** True when the window starts after / ends before the original text (the UI adds '…'). */
  truncatedStart: boolean;
  truncatedEnd: boolean;
};

export type SnippetOptions = {
  /** Window length in UTF-16 units (default 80). */
  length?: number;
  /** Context kept before the first match of the window (default 12). */
  lead?: number;
};

const ASCII_ALNUM = /[a-z0-9]/;
// Matches considered per text: enough for any abstract, bounded for huge bodies.
const MAX_MATCHES = 2000;
const MAX_CANDIDATES = 400;

/**
 * The normalised text and, for each of its UTF-16 units, the [start, end) of
 * the original characters it came from. Normalising character by character
 * (instead of the whole text at once) is what lets matches map back to the
 * original; it differs from normalise(text) only around combining sequences.
 */
function normaliseWithMap(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalise(ch);
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    norm += n;
    i += ch.length;
  }
  return { norm, from, to };
}

type Match = { start: number; end: number; token: string };

/**
 * Occurrences of query tokens in the normalised text. Latin tokens must start
 * at a word boundary (so 'led' does not light up 'filed'); short ones (≤ 2
 * letters) must also end at one. Chinese tokens match anywhere.
 */
function findMatches(norm: string, tokens: readonly string[]): Match[] {
  const out: Match[] = [];
  // Tokens normally come from tokensForQuery (already normalised); normalising again costs nothing and
  // keeps a caller's raw word (ＬｏＲａ) from silently matching nothing.
  for (const token of new Set(tokens.map((t) => normalise(t)))) {
    if (!token) continue;
    const latin = ASCII_ALNUM.test(token[0]!);
    for (let at = norm.indexOf(token); at !== -1 && out.length < MAX_MATCHES; at = norm.indexOf(token, at + 1)) {
      const end = at + token.length;
      if (latin) {
        if (at > 0 && ASCII_ALNUM.test(norm[at - 1]!)) continue;
        if (token.length <= 2 && end < norm.length && ASCII_ALNUM.test(norm[end]!)) continue;
      }
      out.push({ start: at, end, token });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Unions overlapping ranges (重离子 inside 医用重离子加速器 becomes one highlight). */
function merge(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

// Never cut a surrogate pair in half.
function safeOffset(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * The best short window of `text` for the query tokens: the window covering
 * the most distinct tokens (then the most matched characters), with matches
 * returned as offsets so the UI escapes the text and wraps the ranges itself.
 * Without matches, the start of the text.
 */
export function snippet(text: string, tokens: readonly string[], options: SnippetOptions = {}): Snippet {
  const length = Math.max(10, options.length ?? 80);
  const lead = Math.min(options.lead ?? 12, Math.floor(length / 2));
  const { norm, from, to } = normaliseWithMap(text);
  const matches = findMatches(norm, tokens).map((m) => ({ ...m, start: from[m.start]!, end: to[m.end - 1]! }));

  let best = { start: 0, distinct: 0, chars: 0 };
  // Each window starts just before a match; the first few hundred matches are plenty of candidates.
  for (const first of matches.slice(0, MAX_CANDIDATES)) {
    const start = Math.max(0, Math.min(first.start - lead, text.length - length));
    const inside = matches.filter((m) => m.start >= start && m.end <= start + length);
    const distinct = new Set(inside.map((m) => m.token)).size;
    const chars = merge(inside.map((m) => [m.start, m.end])).reduce((n, [s, e]) => n + e - s, 0);
    if (distinct > best.distinct || (distinct === best.distinct && chars > best.chars)) best = { start, distinct, chars };
  }

  const start = safeOffset(text, best.start);
  const end = safeOffset(text, Math.min(text.length, start + length));
  const highlights = merge(matches.filter((m) => m.start >= start && m.end <= end).map((m) => [m.start - start, m.end - start]));
  return { text: text.slice(start, end), highlights, truncatedStart: start > 0, truncatedEnd: end < text.length };
}
