import { sql, type SQL } from 'drizzle-orm';
import { isLexeme } from './normalise.js';
import { segmenter, type Segmenter } from './tokenizer.js';

/** tsvector weights, most important first (ts_rank's defaults: A 1.0, B 0.4, C 0.2, D 0.1). */
export type Weight = 'A' | 'B' | 'C' | 'D';
const WEIGHTS: readonly Weight[] = ['A', 'B', 'C', 'D'];

/** Text (or several texts) per weight, e.g. { A: title, B: keywords, C: abstract, D: organisation }. */
export type WeightedText = Partial<Record<Weight, string | readonly (string | null | undefined)[] | null | undefined>>;
/** Lexemes per weight, already tokenised. */
export type WeightedTokens = Partial<Record<Weight, readonly string[]>>;

// PostgreSQL's own limits (docs: "Text Search Limitations"): positions above
// 16383 are clamped, at most 256 positions are kept per lexeme, and a tsvector
// must stay under 1 MB. We enforce them here so input never depends on
// PostgreSQL silently truncating, and never hits the hard 1 MB error.
export const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_VECTOR_BYTES = 900_000;

/**
 * The tsvector input text for weighted tokens: `'lexeme':1A,7C 'other':2A`.
 * Positions run through the weights in order A, B, C, D. Tokens that are not
 * lexemes (see isLexeme) are skipped, so the text always parses. Cast with
 * `::tsvector` (no parser, no dictionary, no locale: the lexemes arrive exactly
 * as the tokenizer produced them).
 */
export function tsvectorText(tokens: WeightedTokens): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  let bytes = 0;
  for (const weight of WEIGHTS) {
    for (const token of tokens[weight] ?? []) {
      if (!isLexeme(token)) continue;
      pos = Math.min(pos + 1, MAX_POSITION);
      let list = positions.get(token);
      if (!list) {
        const size = Buffer.byteLength(token) + 8; // lexeme + its WordEntry and position count
        if (bytes + size > MAX_VECTOR_BYTES) continue;
        bytes += size;
        list = [];
        positions.set(token, list);
      }
      if (list.length >= MAX_POSITIONS_PER_LEXEME || bytes + 2 > MAX_VECTOR_BYTES) continue;
      bytes += 2;
      list.push(`${pos}${weight}`);
    }
  }
  const parts: string[] = [];
  for (const [lexeme, list] of positions) parts.push(`${quoteLexeme(lexeme)}:${list.join(',')}`);
  return parts.join(' ');
}

/**
 * Quotes a lexeme for tsvector/tsquery input. Our lexemes never contain a
 * quote or a backslash (isLexeme), but quoting is the one place that must be
 * right for any string, so it escapes both.
 */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function textsOf(value: WeightedText[Weight]): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  return value.filter((v): v is string => typeof v === 'string');
}

/** Tokenises each weight's text with the (current) segmenter. */
export function weightedTokens(fields: WeightedText, seg: Segmenter = segmenter()): WeightedTokens {
  const out: WeightedTokens = {};
  for (const weight of WEIGHTS) {
    const texts = textsOf(fields[weight]);
    if (texts.length) out[weight] = texts.flatMap((t) => seg.tokensForIndex(t));
  }
  return out;
}

/**
 * An SQL expression for the weighted tsvector of `fields`, tokenised in
 * TypeScript: `$1::tsvector` with the whole vector as one bound parameter.
 * Use it in INSERT/UPDATE of a tsvector column covered by a GIN index, e.g.
 * `db.update(t).set({ searchVector: weightedTsvector({ A: title, C: abstract }) })`.
 */
export function weightedTsvector(fields: WeightedText, seg?: Segmenter): SQL {
  return sql`${tsvectorText(weightedTokens(fields, seg))}::tsvector`;
}
