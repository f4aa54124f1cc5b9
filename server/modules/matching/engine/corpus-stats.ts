import { distinctTerms } from './analyze.js';
import { FIELDS, type Field, type FieldTerms } from './types.js';

/** Serialised corpus statistics (for a table row or a cache file). */
export type CorpusStatsJson = { n: number; lengthSum: Record<Field, number>; df: [string, number][] };

/**
 * What BM25 needs to know about the whole corpus: how many documents there
 * are, in how many each term occurs (over all fields), and the average length
 * of each field. Kept up to date incrementally: publishing a record is one
 * `add`, withdrawing it one `remove`, an edit is `remove(old)` + `add(new)`;
 * each costs O(terms of that record), never a pass over the corpus.
 */
export class CorpusStats {
  private nDocs = 0;
  private readonly lengthSum: Record<Field, number> = { title: 0, keywords: 0, body: 0, indicators: 0 };
  private readonly df = new Map<string, number>();

  /** Builds statistics over `docs` in one pass. */
  static from(docs: Iterable<FieldTerms>): CorpusStats {
    const s = new CorpusStats();
    for (const d of docs) s.add(d);
    return s;
  }

  static fromJSON(json: CorpusStatsJson): CorpusStats {
    const s = new CorpusStats();
    s.nDocs = json.n;
    for (const f of FIELDS) s.lengthSum[f] = json.lengthSum[f] ?? 0;
    for (const [t, n] of json.df) s.df.set(t, n);
    return s;
  }

  toJSON(): CorpusStatsJson {
    return { n: this.nDocs, lengthSum: { ...this.lengthSum }, df: [...this.df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }

  /** Counts a document in. */
  add(doc: FieldTerms): void {
    this.nDocs += 1;
    for (const f of FIELDS) this.lengthSum[f] += doc.len[f];
    for (const t of distinctTerms(doc)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** Counts a document out; it must be the same terms that were added. */
  remove(doc: FieldTerms): void {
    if (this.nDocs === 0) return;
    this.nDocs -= 1;
    for (const f of FIELDS) this.lengthSum[f] = Math.max(0, this.lengthSum[f] - doc.len[f]);
    for (const t of distinctTerms(doc)) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
  }

  get n(): number {
    return this.nDocs;
  }

  /** Documents containing `term` in any field. */
  docFreq(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Average length of a field in tokens (1 for an empty corpus, so divisions stay finite). */
  avgLength(field: Field): number {
    return this.nDocs === 0 ? 1 : Math.max(this.lengthSum[field] / this.nDocs, 1e-9);
  }

  /**
   * BM25's inverse document frequency, ln(1 + (N − df + ½)/(df + ½)): always
   * positive, so a matching term can only add to a score.
   */
  idf(term: string): number {
    const df = Math.min(this.docFreq(term), this.nDocs);
    return Math.log(1 + (this.nDocs - df + 0.5) / (df + 0.5));
  }
}
