/**
 * Loads the benchmark records of /work/shared/data (third-party, benchmark
 * only: read here, never copied into the product, fixtures or tests) into the
 * engine's plain MatchDoc form, and describes each task's protocol
 * (see /work/shared/data/README.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { industrySections } from '../../shared/taxonomies/index.js';
import type { Direction, Facets, MatchDoc } from '../../server/modules/matching/engine/index.js';

export const DATA_DIR = process.env.BENCH_DATA_DIR ?? '/work/shared/data';
/**
 * The demands of the demand → achievements task (relative to DATA_DIR, or
 * absolute): another file of the same form checks the engine on demands
 * nobody tuned on (with BENCH_SPLIT=all, every one of them).
 */
export const DEMANDS_FILE = process.env.BENCH_DEMANDS ?? 'zhibei/demands_dev.jsonl';

/** Graded relevance per query: qid → docid → grade (> 0). */
export type Qrels = Map<string, Map<string, number>>;

export type BenchQuery = {
  qid: string;
  /** Title part (weighted up by the engine) and the rest. */
  title?: string;
  text: string;
  /** The asking side's facets, where its record has them (demand → achievements). */
  facets?: Facets;
  /** For record → records tasks: the query record (dropped from its own ranking). */
  selfId?: string;
};

export type Metric = 'P@10' | 'nDCG@10' | 'Recall@100' | 'MRR@10' | 'Recall@1' | 'Recall@10';

export type Task = {
  name: string;
  corpus: string;
  direction: Direction;
  queries: BenchQuery[];
  qrels: Qrels;
  metrics: Metric[];
  /** What the relevance is, said plainly in the report. */
  relevance: string;
};

export type Corpus = { name: string; docs: MatchDoc[] };

function jsonl<T>(file: string): T[] {
  return readFileSync(path.resolve(DATA_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function qrelsTsv(file: string): Qrels {
  const out: Qrels = new Map();
  for (const line of readFileSync(path.join(DATA_DIR, file), 'utf8').split('\n')) {
    const cols = line.trim().split('\t');
    if (cols.length < 3 || cols[0] === 'query-id') continue;
    const [qid, docid, rel] = cols.length === 4 ? [cols[0]!, cols[2]!, Number(cols[3])] : [cols[0]!, cols[1]!, Number(cols[2])];
    if (!(rel > 0)) continue;
    if (!out.has(qid)) out.set(qid, new Map());
    out.get(qid)!.set(docid, rel);
  }
  return out;
}

// ---- zhibei ----

/** Section names differ in punctuation between the two files (燃气、及 vs 燃气及): compare without it. */
const squash = (s: string) => s.replace(/[、，,\s]/g, '');
const SECTION_BY_NAME = new Map(industrySections().map((s) => [squash(s.name), s.code]));
export function sectionCode(name: string | null | undefined): string | undefined {
  return name ? (SECTION_BY_NAME.get(squash(name)) ?? `?${squash(name)}`) : undefined;
}

// The source's wording mapped onto the catalog's codes.
const TRANSFER: [string, string][] = [['完全转让', 'transfer'], ['许可转让', 'license'], ['技术入股', 'equity-investment'], ['合作生产', 'joint-development']];
const COOPERATION: Record<string, string> = { 技术转让: 'technology-transfer', 技术许可: 'technology-license', 委托开发: 'commissioned-development', 合作开发: 'joint-development' };
const MATURITY: Record<string, { trl: number; stage: string }> = {
  正在研发: { trl: 3, stage: 'early' },
  通过小试: { trl: 4, stage: 'early' },
  通过中试: { trl: 6, stage: 'middle' },
  已有样品: { trl: 6, stage: 'middle' },
  可以量产: { trl: 8, stage: 'mature' },
};

type ZhibeiAchievement = {
  id: string; title: string; abstract: string | null; industry_section: string | null; industry_division: string | null;
  field: string | null; field_l1: string | null; maturity: string | null; cooperation: string | null; price: string | null;
  application_scope: string | null; post_time: string | null;
};
type ZhibeiDemand = { id: string; title: string; description: string | null; industry_sections: string[] | null; cooperation: string | null; post_time: string | null };

function priceFen(price: string | null): number | undefined {
  const m = price?.match(/^([\d.]+)万元/);
  return m ? Math.round(Number(m[1]) * 1_000_000) : undefined;
}

function achievementDoc(a: ZhibeiAchievement): MatchDoc {
  const section = sectionCode(a.industry_section);
  const transfer = TRANSFER.filter(([w]) => a.cooperation?.includes(w)).map(([, c]) => c);
  const maturity = a.maturity ? MATURITY[a.maturity] : undefined;
  const facets: Facets = {
    ...(section ? { industrySections: [section] } : {}),
    ...(a.industry_division ? { industryDivision: a.industry_division } : {}),
    ...(a.field ? { techField: a.field } : {}),
    ...(a.field_l1 ? { techFieldTop: a.field_l1 } : {}),
    ...(transfer.length ? { transferModes: transfer } : {}),
    ...(maturity ?? {}),
    ...(priceFen(a.price) !== undefined ? { priceFen: priceFen(a.price)! } : {}),
    ...(a.post_time ? { publishedAt: a.post_time } : {}),
  };
  return { id: a.id, externalId: a.id, fields: { title: a.title, body: [a.abstract ?? '', a.application_scope ?? ''].filter(Boolean).join('\n') }, facets };
}

export function loadZhibei(): { corpus: Corpus; demandTask: Task; similarTask: Task; abstracts: MatchDoc[] } {
  const raw = jsonl<ZhibeiAchievement>('zhibei/achievements.jsonl');
  const docs = raw.map(achievementDoc);
  const demands = jsonl<ZhibeiDemand>(DEMANDS_FILE);

  // Derived relevance: the achievement's section is among the demand's sections.
  const bySection = new Map<string, string[]>();
  for (const d of docs) for (const s of d.facets.industrySections ?? []) bySection.set(s, [...(bySection.get(s) ?? []), d.id]);
  const demandQrels: Qrels = new Map();
  const demandQueries: BenchQuery[] = demands.map((d) => {
    const sections = [...new Set((d.industry_sections ?? []).map(sectionCode).filter((s): s is string => !!s))];
    const rel = new Map<string, number>();
    for (const s of sections) for (const id of bySection.get(s) ?? []) rel.set(id, 1);
    demandQrels.set(d.id, rel);
    const coop = (d.cooperation ?? '').split(/[,，]/).map((c) => COOPERATION[c.trim()]).filter((c): c is string => !!c);
    const facets: Facets = { ...(sections.length ? { industrySections: sections } : {}), ...(coop.length ? { cooperationModes: coop } : {}) };
    return { qid: d.id, title: d.title, text: d.description ?? '', facets };
  });

  // Derived graded relevance: 2 same field, 1 same field_l1.
  const similarQrels: Qrels = new Map();
  const similarQueries: BenchQuery[] = raw.map((a, i) => {
    const rel = new Map<string, number>();
    for (const b of raw) {
      if (b.id === a.id) continue;
      if (a.field && b.field === a.field) rel.set(b.id, 2);
      else if (a.field_l1 && b.field_l1 === a.field_l1) rel.set(b.id, 1);
    }
    similarQrels.set(a.id, rel);
    return { qid: a.id, title: a.title, text: a.abstract ?? '', facets: docs[i]!.facets, selfId: a.id };
  });

  const abstracts = raw.filter((a) => a.abstract?.trim()).map((a) => ({ id: a.id, fields: { body: a.abstract! }, facets: {} }));
  return {
    corpus: { name: 'zhibei', docs },
    demandTask: {
      name: 'zhibei demand→achievement', corpus: 'zhibei', direction: 'demand-achievements', queries: demandQueries, qrels: demandQrels,
      metrics: ['P@10'], relevance: 'derived: achievement industry_section ∈ demand industry_sections',
    },
    similarTask: {
      name: 'zhibei achievement→similar', corpus: 'zhibei', direction: 'achievement-similar', queries: similarQueries, qrels: similarQrels,
      metrics: ['nDCG@10', 'Recall@100'], relevance: 'derived: 2 same field, 1 same field_l1',
    },
    abstracts,
  };
}

// ---- CSL, ChinaXiv (title → abstract known item) ----

type Paper = { id: string; title: string; abstract: string | null; lang?: string };

export function loadCsl(): { corpus: Corpus; task: Task; titles: Map<string, string> } {
  const rows = jsonl<Paper>('csl/records_devtest.jsonl');
  const docs = rows.map((r) => ({ id: r.id, fields: { body: r.abstract ?? '' }, facets: {} }));
  const qrels = qrelsTsv('csl/qrels_title2abstract.tsv');
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  const queries = [...qrels.keys()].map((qid) => ({ qid, text: '', title: titles.get(qid) ?? '' }));
  return {
    corpus: { name: 'csl', docs },
    task: { name: 'CSL title→abstract', corpus: 'csl', direction: 'text-achievements', queries, qrels, metrics: ['MRR@10', 'Recall@1', 'Recall@10'], relevance: 'known item' },
    titles,
  };
}

export function loadChinaxiv(): { corpus: Corpus; task: Task } {
  const papers = jsonl<Paper>('chinaxiv/papers.jsonl');
  const docs = papers.filter((p) => p.abstract?.trim()).map((p) => ({ id: p.id, fields: { body: p.abstract! }, facets: {} }));
  const qrels = qrelsTsv('chinaxiv/qrels_title2abstract.tsv');
  const queries = jsonl<{ qid: string; text: string }>('chinaxiv/queries_title2abstract.jsonl').map((q) => ({ qid: q.qid, text: '', title: q.text }));
  return {
    corpus: { name: 'chinaxiv', docs },
    task: { name: 'ChinaXiv title→abstract', corpus: 'chinaxiv', direction: 'text-achievements', queries, qrels, metrics: ['MRR@10', 'Recall@10'], relevance: 'known item' },
  };
}

// ---- Cranfield (English, human judgments) ----

export function loadCranfield(): { corpus: Corpus; task: Task } {
  const docs = jsonl<{ _id: string; title: string; text: string }>('cranfield/corpus.jsonl').map((d) => ({
    id: d._id,
    fields: { title: d.title, body: d.text },
    facets: {},
  }));
  const qrels = qrelsTsv('cranfield/qrels.tsv');
  const queries = jsonl<{ _id: string; text: string }>('cranfield/queries.jsonl')
    .filter((q) => qrels.has(q._id))
    .map((q) => ({ qid: q._id, text: q.text }));
  return {
    corpus: { name: 'cranfield', docs },
    task: { name: 'Cranfield (en)', corpus: 'cranfield', direction: 'text-achievements', queries, qrels, metrics: ['nDCG@10', 'Recall@100'], relevance: 'human graded judgments (BEIR qrels)' },
  };
}
