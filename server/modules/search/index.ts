/**
 * Chinese full-text search: jieba segmentation with the project dictionary,
 * lexemes computed in TypeScript and stored in PostgreSQL tsvector columns,
 * safe tsquery construction, and snippets with highlight offsets.
 * See docs/decisions/0012-chinese-search.md.
 */
export {
  addWords,
  currentDictionaryVersion,
  keywords,
  queryTerms,
  Segmenter,
  segmenter,
  setExtraWords,
  tokensForIndex,
  tokensForQuery,
  type Keyword,
  type QueryTerm,
} from './tokenizer.js';
export { cleanDictionaryWord, MAX_WORD_LENGTH, type DictionaryWord } from './dictionary.js';
export { normalise } from './normalise.js';
export { tsvectorText, weightedTokens, weightedTsvector, type Weight, type WeightedText, type WeightedTokens } from './tsvector.js';
export {
  buildTsquery,
  matches,
  MAX_QUERY_TERMS,
  rank,
  searchWithFallback,
  tsqueryText,
  type FallbackResult,
  type QueryMode,
} from './tsquery.js';
export { snippet, type Snippet, type SnippetOptions } from './highlight.js';
export { likePattern } from './like.js';
