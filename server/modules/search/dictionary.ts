import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where the project dictionary and stop list live. */
export const DICTIONARY_DIR = path.join(ROOT, 'config', 'dictionary');

/**
 * Bump when a change to the code (normalisation, token cleaning, segmentation
 * mode) would produce different lexemes for the same text: it is part of the
 * dictionary version, so stored indexes know they are stale.
 */
export const TOKENIZER_REVISION = 1;

/** One dictionary entry: jieba's user-dict line `word freq tag`. */
export type DictionaryWord = {
  word: string;
  /** jieba frequency; omitted for admin words: the segmenter finds the smallest one that keeps the word whole. */
  freq?: number;
  /** part-of-speech tag, e.g. n, nz, vn; defaults to nz (proper noun of a domain). */
  tag?: string;
};

/** The longest word an administrator may add (jieba's DAG gains nothing past this). */
export const MAX_WORD_LENGTH = 24;

/**
 * Normalises and validates one dictionary word. Returns null for words that
 * cannot be a single dictionary entry: empty, whitespace inside (the
 * user-dict format is whitespace separated), longer than MAX_WORD_LENGTH, or a
 * lone character (it would only make segmentation worse).
 */
export function cleanDictionaryWord(input: DictionaryWord | string): Required<Pick<DictionaryWord, 'word'>> & DictionaryWord | null {
  const entry = typeof input === 'string' ? { word: input } : input;
  const word = normalise(entry.word).trim();
  if ([...word].length < 2 || word.length > MAX_WORD_LENGTH || /\s/u.test(word)) return null;
  const freq = entry.freq !== undefined && Number.isInteger(entry.freq) && entry.freq > 0 ? entry.freq : undefined;
  const tag = entry.tag && /^[a-z]{1,4}$/.test(entry.tag) ? entry.tag : undefined;
  return { word, ...(freq !== undefined ? { freq } : {}), ...(tag !== undefined ? { tag } : {}) };
}

/** Parses user-dict text (`word freq tag`, '#' comments). Malformed lines are skipped. */
export function parseDictionary(text: string): DictionaryWord[] {
  const out: DictionaryWord[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [word, freq, tag] = line.split(/\s+/);
    const clean = cleanDictionaryWord({ word: word ?? '', freq: freq ? Number(freq) : undefined, tag });
    if (clean) out.push(clean);
  }
  return out;
}

/** Parses the stop list: one normalised word per line, '#' comments. */
export function parseStopWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = normalise(raw.replace(/#.*/, '')).trim();
    if (line) out.add(line);
  }
  return out;
}

/** The project's own files, read once per process. */
export type ProjectDictionary = { words: DictionaryWord[]; stopWords: Set<string>; source: string };

let cached: ProjectDictionary | null = null;

/** Reads config/dictionary/chengguo.txt and stopwords.txt (cached). */
export function loadProjectDictionary(dir = DICTIONARY_DIR): ProjectDictionary {
  if (cached && dir === DICTIONARY_DIR) return cached;
  const dictText = readFileSync(path.join(dir, 'chengguo.txt'), 'utf8');
  const stopText = readFileSync(path.join(dir, 'stopwords.txt'), 'utf8');
  const result = { words: parseDictionary(dictText), stopWords: parseStopWords(stopText), source: `${dictText}\n\0\n${stopText}` };
  if (dir === DICTIONARY_DIR) cached = result;
  return result;
}

const require = createRequire(import.meta.url);

/** jieba's bundled dictionaries (the default dict and IDF table) and the package version. */
export function jiebaAssets(): { dict: Uint8Array; idf: Uint8Array; version: string } {
  const assets = require('@node-rs/jieba/dict.js') as { dict: Uint8Array; idf: Uint8Array };
  const { version } = require('@node-rs/jieba/package.json') as { version: string };
  return { ...assets, version };
}

/** Renders entries as user-dict text for `Jieba.loadDict`. */
export function toUserDict(words: readonly DictionaryWord[]): Buffer {
  return Buffer.from(words.map((w) => `${w.word} ${w.freq ?? 1} ${w.tag ?? 'nz'}`).join('\n'), 'utf8');
}

/**
 * A short hash naming everything that decides which lexemes a text produces:
 * tokenizer revision, jieba version, project dictionary and stop list, and the
 * extra (admin) words in a canonical order. Store it beside an index; when the
 * running segmenter's version differs, the index is stale and must be rebuilt.
 */
export function dictionaryVersion(jiebaVersion: string, project: ProjectDictionary, extra: readonly DictionaryWord[]): string {
  const h = createHash('sha256');
  h.update(`rev:${TOKENIZER_REVISION}\njieba:${jiebaVersion}\n`);
  h.update(project.source);
  const canonical = [...extra].map((w) => `${w.word} ${w.freq ?? ''} ${w.tag ?? ''}`).sort();
  h.update(`\n\0extra\n${canonical.join('\n')}`);
  return h.digest('hex').slice(0, 16);
}
