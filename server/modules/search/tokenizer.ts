import { Jieba, TfIdf } from '@node-rs/jieba';
import {
  cleanDictionaryWord,
  dictionaryVersion,
  jiebaAssets,
  loadProjectDictionary,
  toUserDict,
  type DictionaryWord,
  type ProjectDictionary,
} from './dictionary.js';
import { cleanSegment, normalise } from './normalise.js';

/**
 * One word of a query as the user typed it (precise mode), with the smaller
 * dictionary words inside it (search mode). A document matches the term if it
 * contains the whole word or all of its parts: 医用重离子加速器 matches a text
 * that only says 重离子加速器 … 医用.
 */
export type QueryTerm = { term: string; parts: string[] };

/** A keyword with its TF-IDF weight. */
export type Keyword = { keyword: string; weight: number };

// HMM off on both sides: with HMM, jieba guesses unknown words from their
// neighbours, so the same name can be cut differently in a query and in a
// document. Without it, unknown words fall back to single characters, which
// still match (AND of characters) and stay deterministic.
const HMM = false;
// A keyword of one character (药, 沙) is too vague to match on.
const MIN_KEYWORD_LENGTH = 2;
// Upper bound on the frequency search for an admin word (jieba's totals are ~6e7).
const MAX_SUGGESTED_FREQ = 1 << 24;

/**
 * jieba with the default dictionary, the project dictionary and any extra
 * (admin) words, plus the stop list. Immutable once built: adding words builds
 * a new Segmenter (see setExtraWords), so a search in flight keeps using the
 * dictionary it started with.
 */
export class Segmenter {
  private constructor(
    private readonly jieba: Jieba,
    private readonly tfIdf: TfIdf,
    private readonly stopWords: ReadonlySet<string>,
    /** Extra words as given (normalised, de-duplicated); the input of the next rebuild. */
    readonly extraWords: readonly DictionaryWord[],
    /** Hash of everything that decides the lexemes; stored indexes compare against it. */
    readonly version: string,
  ) {}

  /**
   * Builds a segmenter from jieba's default dictionary, the project dictionary
   * and `extra` words. Takes a few hundred milliseconds (the default dictionary
   * has 350 000 entries): build once per process and on dictionary changes.
   * Extra words that are not valid dictionary words are ignored (see cleanDictionaryWord).
   */
  static build(extra: readonly (DictionaryWord | string)[] = [], project: ProjectDictionary = loadProjectDictionary()): Segmenter {
    const assets = jiebaAssets();
    const jieba = Jieba.withDict(assets.dict);
    jieba.loadDict(toUserDict(project.words));
    const byWord = new Map<string, DictionaryWord>();
    for (const input of extra) {
      const w = cleanDictionaryWord(input);
      if (w) byWord.set(w.word, w); // later entries win, as in a user dict
    }
    for (const w of byWord.values()) {
      const freq = w.freq ?? suggestFreq(jieba, w.word, w.tag);
      jieba.loadDict(toUserDict([{ word: w.word, freq, tag: w.tag ?? 'nz' }]));
    }
    const tfIdf = TfIdf.withDict(assets.idf);
    // Not `stopWords` here: @node-rs/jieba 2.0.3 fails to convert any JS Set/array
    // for it ("Failed to convert … into rust type String"); keywords() filters instead.
    tfIdf.setConfig({ minKeywordLength: MIN_KEYWORD_LENGTH, useHmm: HMM });
    const words = [...byWord.values()];
    return new Segmenter(jieba, tfIdf, project.stopWords, words, dictionaryVersion(assets.version, project, words));
  }

  /**
   * Lexemes to index for `text`: normalised, segmented in search mode (a long
   * word and the dictionary words inside it), punctuation and stop words
   * dropped. Order follows the text; repeats are kept (they count for ranking).
   */
  tokensForIndex(text: string): string[] {
    const out: string[] = [];
    for (const segment of this.jieba.cutForSearch(normalise(text), HMM)) {
      for (const token of cleanSegment(segment)) {
        if (!this.stopWords.has(token)) out.push(token);
      }
    }
    return out;
  }

  /**
   * The query's words in precise mode, each with its search-mode parts,
   * de-duplicated, stop words dropped. Used by buildTsquery.
   */
  queryTerms(text: string): QueryTerm[] {
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    for (const segment of this.jieba.cut(normalise(text), HMM)) {
      for (const term of cleanSegment(segment)) {
        if (this.stopWords.has(term) || seen.has(term)) continue;
        seen.add(term);
        out.push({ term, parts: this.partsOf(term) });
      }
    }
    return out;
  }

  /** Flat, de-duplicated query lexemes: every term and its parts. */
  tokensForQuery(text: string): string[] {
    const out = new Set<string>();
    for (const { term, parts } of this.queryTerms(text)) {
      out.add(term);
      for (const p of parts) out.add(p);
    }
    return [...out];
  }

  /**
   * The `topK` most characteristic words of `text` by TF-IDF over jieba's IDF
   * table, segmented with the project dictionary. Returned as lexemes (the same
   * form as index tokens), highest weight first.
   */
  keywords(text: string, topK: number): Keyword[] {
    if (topK <= 0) return [];
    // Ask for more than needed: some candidates clean to nothing or are stop words.
    const raw = this.tfIdf.extractKeywords(this.jieba, normalise(text), topK * 2 + 20);
    const out: Keyword[] = [];
    const seen = new Set<string>();
    for (const { keyword, weight } of raw) {
      const pieces = cleanSegment(keyword);
      const token = pieces[0];
      if (pieces.length !== 1 || !token || [...token].length < MIN_KEYWORD_LENGTH) continue;
      if (/^\p{N}+$/u.test(token) || this.stopWords.has(token) || seen.has(token)) continue;
      seen.add(token);
      out.push({ keyword: token, weight });
      if (out.length === topK) break;
    }
    return out;
  }

  /** Raw jieba segments (normalised text, precise mode); for tests and diagnostics. */
  cut(text: string): string[] {
    return this.jieba.cut(normalise(text), HMM);
  }

  // Search mode only splits words of three or more characters.
  private partsOf(term: string): string[] {
    if ([...term].length < 3) return [];
    const parts = new Set<string>();
    for (const segment of this.jieba.cutForSearch(term, HMM)) {
      for (const p of cleanSegment(segment)) {
        if (p !== term && !this.stopWords.has(p)) parts.add(p);
      }
    }
    return [...parts];
  }
}

/**
 * The smallest power-of-two frequency that keeps `word` whole in precise mode
 * (what jieba's suggest_freq does), so an admin word wins over its pieces but
 * does not swallow characters of its neighbours more than it must.
 */
function suggestFreq(jieba: Jieba, word: string, tag = 'nz'): number {
  let freq = 2;
  for (; freq < MAX_SUGGESTED_FREQ; freq *= 2) {
    jieba.loadDict(toUserDict([{ word, freq, tag }]));
    const cut = jieba.cut(word, HMM);
    if (cut.length === 1 && cut[0] === word) break;
  }
  return freq;
}

let current: Segmenter | null = null;

/** The process's segmenter, built on first use from the project dictionary alone. */
export function segmenter(): Segmenter {
  current ??= Segmenter.build();
  return current;
}

/**
 * Replaces the process's segmenter with one built from the project dictionary
 * plus exactly `words` (admin terms). Call at start-up and whenever the admin
 * word list changes, including removals. Returns the new segmenter; compare
 * its `version` with the one stored beside an index to know it is stale.
 */
export function setExtraWords(words: readonly (DictionaryWord | string)[]): Segmenter {
  current = Segmenter.build(words);
  return current;
}

/** Adds admin words to the current dictionary (rebuilds; see setExtraWords). */
export function addWords(words: readonly (DictionaryWord | string)[]): Segmenter {
  return setExtraWords([...segmenter().extraWords, ...words]);
}

/** Version of the current dictionary (see Segmenter.version). */
export function currentDictionaryVersion(): string {
  return segmenter().version;
}

/** Index lexemes of `text` with the current segmenter. */
export function tokensForIndex(text: string): string[] {
  return segmenter().tokensForIndex(text);
}

/** Query lexemes of `text` with the current segmenter (flat, de-duplicated). */
export function tokensForQuery(text: string): string[] {
  return segmenter().tokensForQuery(text);
}

/** Query terms of `text` with their parts, for buildTsquery. */
export function queryTerms(text: string): QueryTerm[] {
  return segmenter().queryTerms(text);
}

/** TF-IDF keywords of `text` with the current segmenter. */
export function keywords(text: string, topK: number): Keyword[] {
  return segmenter().keywords(text, topK);
}
