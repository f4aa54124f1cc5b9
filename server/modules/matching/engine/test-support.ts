import { fieldTf } from './analyze.js';
import { loadMatchConfig, type MatchConfig } from './config.js';
import { FIELDS, type Field, type FieldTerms, type MatchDoc, type Query, type QueryTerm } from './types.js';

/** Field terms from lexeme lists (no segmenter; words and their characters, as analyzeFields), for tests. */
export function termsFrom(fields: Partial<Record<Field, readonly string[]>>): FieldTerms {
  const tf = {} as Record<Field, Map<string, number>>;
  const len = {} as Record<Field, number>;
  for (const f of FIELDS) {
    tf[f] = fieldTf(fields[f] ?? []);
    len[f] = (fields[f] ?? []).length;
  }
  return { tf, len };
}

export function docOf(id: string, fields: Partial<Record<Field, readonly string[]>>, facets: MatchDoc['facets'] = {}): MatchDoc {
  return { id, externalId: `ext-${id}`, fields: {}, facets, terms: termsFrom(fields) };
}

export function queryOf(terms: readonly (string | QueryTerm)[], extra: Partial<Query> = {}): Query {
  return {
    direction: 'demand-achievements',
    terms: terms.map((t) => (typeof t === 'string' ? { term: t, weight: 1, source: 'text' as const } : t)),
    keywords: [],
    pairs: [],
    facets: {},
    filters: {},
    now: '2026-06-01T00:00:00Z',
    ...extra,
  };
}

export const config: MatchConfig = loadMatchConfig();
