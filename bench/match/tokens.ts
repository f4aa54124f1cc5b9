import { segmenter } from '../../server/modules/search/index.js';
import { fieldTf } from '../../server/modules/matching/engine/index.js';
import { FIELDS, type Field, type FieldTerms, type MatchDoc } from '../../server/modules/matching/engine/index.js';

/** Index tokens of each field of a record (search mode, as the catalog indexes). */
export type FieldTokens = Record<Field, string[]>;

function texts(v: MatchDoc['fields'][Field]): string[] {
  if (v == null) return [];
  return typeof v === 'string' ? [v] : [...v];
}

/** Tokenises every record once; the database load, the BM25 baseline and the engine's statistics all use these tokens. */
export function tokenizeCorpus(docs: readonly MatchDoc[], into: Map<string, FieldTokens> = new Map()): Map<string, FieldTokens> {
  const seg = segmenter();
  for (const d of docs) {
    if (into.has(d.id)) continue;
    const t = {} as FieldTokens;
    for (const f of FIELDS) t[f] = texts(d.fields[f]).flatMap((x) => seg.tokensForIndex(x));
    into.set(d.id, t);
  }
  return into;
}

/** The engine's field terms (words and character pseudo-terms, as analyzeFields makes them) from the tokens. */
export function fieldTerms(t: FieldTokens): FieldTerms {
  const tf = {} as Record<Field, Map<string, number>>;
  const len = {} as Record<Field, number>;
  for (const f of FIELDS) {
    tf[f] = fieldTf(t[f]);
    len[f] = t[f].length;
  }
  return { tf, len };
}
