import { segmenter, type Segmenter } from '../../search/index.js';
import { addChars } from './chars.js';
import { FIELDS, type DocFields, type Field, type FieldTerms, type MatchDoc } from './types.js';

/** Counts tokens into a term-frequency map. */
export function countTerms(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

function textsOf(value: DocFields[Field]): string[] {
  if (value == null) return [];
  return typeof value === 'string' ? [value] : value.filter((v) => typeof v === 'string');
}

/**
 * A field's term frequencies from its tokens: each word, and each Han
 * character of the words as a character pseudo-term (chars.ts), so every way
 * a record's terms are made (here, the tsvector scanner, the statistics)
 * counts the characters alike.
 */
export function fieldTf(tokens: readonly string[]): Map<string, number> {
  const tf = countTerms(tokens);
  for (const [t, n] of [...tf]) addChars(tf, t, n);
  return tf;
}

/**
 * Term frequencies of a record's fields, tokenised exactly as the catalog's
 * search index is (search mode, project dictionary): the same lexemes the
 * tsvector holds, so candidates read back from PostgreSQL and documents
 * tokenised here score alike.
 */
export function analyzeFields(fields: DocFields, seg: Segmenter = segmenter()): FieldTerms {
  const tf = {} as Record<Field, Map<string, number>>;
  const len = {} as Record<Field, number>;
  const pos = new Map<string, number[]>();
  let at = 0;
  for (const f of FIELDS) {
    const tokens = textsOf(fields[f]).flatMap((t) => seg.tokensForIndex(t));
    tf[f] = fieldTf(tokens);
    len[f] = tokens.length;
    for (const t of tokens) {
      at += 1;
      const list = pos.get(t);
      if (list) list.push(at);
      else pos.set(t, [at]);
    }
  }
  return { tf, len, pos };
}

/** A document's field terms: the precomputed ones when present, else tokenised now. */
export function termsOf(doc: MatchDoc, seg?: Segmenter): FieldTerms {
  return doc.terms ?? analyzeFields(doc.fields, seg);
}

/** The distinct terms of a document over all fields (what document frequency counts). */
export function distinctTerms(terms: FieldTerms): Set<string> {
  const out = new Set<string>();
  for (const f of FIELDS) for (const t of terms.tf[f].keys()) out.add(t);
  return out;
}
