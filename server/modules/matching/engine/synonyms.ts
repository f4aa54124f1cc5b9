import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DICTIONARY_DIR } from '../../search/dictionary.js';
import { segmenter, type Segmenter } from '../../search/index.js';

/** Where the synonym groups live (written for the project; see the file's header). */
export const SYNONYMS_FILE = path.join(DICTIONARY_DIR, 'synonyms.txt');

/** One way of saying a group's concept, as index lexemes (one or more). */
type Variant = readonly string[];

/**
 * Synonym groups over index lexemes. A query word that is one of a group's
 * single-lexeme variants is expanded with the group's other variants; a
 * variant the segmenter cuts into several lexemes is added as its pieces
 * (each with a share of the weight).
 */
export class Synonyms {
  private constructor(private readonly byLexeme: ReadonlyMap<string, readonly Variant[]>) {}

  static empty(): Synonyms {
    return new Synonyms(new Map());
  }

  /**
   * Parses groups: one per line, variants separated by commas (, or ，) or
   * whitespace-free `|`; `#` starts a comment. Variants are tokenised with the
   * same segmenter as the index (precise mode) so they meet index lexemes.
   */
  static parse(text: string, seg: Segmenter = segmenter()): Synonyms {
    const byLexeme = new Map<string, Variant[]>();
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const variants: Variant[] = [];
      const seen = new Set<string>();
      for (const word of line.split(/[,，|]/)) {
        const lexemes = seg.queryTerms(word).map((t) => t.term);
        const key = lexemes.join(' ');
        if (lexemes.length === 0 || seen.has(key)) continue;
        seen.add(key);
        variants.push(lexemes);
      }
      if (variants.length < 2) continue;
      for (const v of variants) {
        if (v.length !== 1) continue;
        const others = variants.filter((o) => o !== v);
        const list = byLexeme.get(v[0]!) ?? [];
        list.push(...others);
        byLexeme.set(v[0]!, list);
      }
    }
    return new Synonyms(byLexeme);
  }

  /** Reads config/dictionary/synonyms.txt (or `file`). */
  static load(file = SYNONYMS_FILE, seg?: Segmenter): Synonyms {
    return Synonyms.parse(readFileSync(file, 'utf8'), seg);
  }

  /** Number of lexemes that have synonyms. */
  get size(): number {
    return this.byLexeme.size;
  }

  /** Other ways of saying `lexeme`, each as its lexemes (empty when it has none). */
  of(lexeme: string): readonly Variant[] {
    return this.byLexeme.get(lexeme) ?? [];
  }
}

let cached: Synonyms | null = null;

/** The project's synonyms with the current segmenter (loaded once per process). */
export function projectSynonyms(): Synonyms {
  cached ??= Synonyms.load();
  return cached;
}

/** Forget the cached synonyms (after the dictionary or the synonym file changed). */
export function resetProjectSynonyms(): void {
  cached = null;
}
