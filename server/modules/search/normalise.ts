/**
 * Text normalisation shared by indexing, querying, the dictionaries and
 * highlighting. Index tokens and query tokens only agree if both sides go
 * through exactly these functions, so nothing else in the search module may
 * lower-case or clean text on its own.
 */

/**
 * NFKC (full-width ＡＢＣ１２３ → abc123, ligatures, compatibility ideographs)
 * then lower case. Applied to a whole text before segmentation.
 */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Programming-language and product names whose punctuation is the meaning.
 * Without this, c++, c# and c would all become the lexeme 'c'.
 */
const SPECIAL_TOKENS: ReadonlyMap<string, string> = new Map([
  ['c++', 'cpp'],
  ['c#', 'csharp'],
  ['f#', 'fsharp'],
  ['.net', 'dotnet'],
]);

/** Longest lexeme we keep: longer runs are noise (hashes, base64) and bloat the index. */
export const MAX_TOKEN_LENGTH = 48;

// A token is letters/numbers (any script) with combining marks after the first
// character. Everything else (punctuation, symbols, spaces, emoji, '-', '.', '/',
// '+', '_', quotes, backslashes) separates tokens. This alphabet is what makes a
// token safe to quote as a tsvector/tsquery lexeme and keeps PostgreSQL's
// 'simple' parser from splitting it (see docs/decisions/0012-chinese-search.md).
const TOKEN_PIECE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const WHOLE_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u;
const ASCII_WORD = /^[a-z]+$/;

/**
 * Light English plural folding, applied identically to index and query tokens:
 * batteries → battery, sensors → sensor, leds → led. Words under four letters
 * (gps, gas, bus) and endings that are rarely plurals (-ss, -us, -is) are kept.
 */
export function foldPlural(token: string): string {
  if (token.length < 4 || !ASCII_WORD.test(token)) return token;
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('s') && !/(ss|us|is)$/.test(token)) return token.slice(0, -1);
  return token;
}

/**
 * Turns one segment from jieba (already normalised) into zero or more index
 * lexemes: special names mapped, punctuation dropped, mixed segments such as
 * "iphone-12" split into "iphone", "12", over-long pieces dropped.
 */
export function cleanSegment(segment: string): string[] {
  // Fast path: most jieba segments are already one clean word.
  if (WHOLE_TOKEN.test(segment)) return segment.length <= MAX_TOKEN_LENGTH ? [foldPlural(segment)] : [];
  const special = SPECIAL_TOKENS.get(segment);
  if (special) return [special];
  const pieces = segment.match(TOKEN_PIECE);
  if (!pieces) return [];
  const out: string[] = [];
  for (const piece of pieces) {
    if (piece.length <= MAX_TOKEN_LENGTH) out.push(foldPlural(piece));
  }
  return out;
}

/** True if `token` is made only of characters a lexeme may contain. */
export function isLexeme(token: string): boolean {
  return token.length <= MAX_TOKEN_LENGTH && WHOLE_TOKEN.test(token);
}
