import {
  compatibilityFit,
  enumLabel,
  industrySection,
  techField as techFieldEntry,
  type CooperationMode,
  type TransferMode,
} from '../../../../shared/taxonomies/index.js';
import type { MatchConfig } from './config.js';
import type { Direction, FactorKey, Facets, Filters, MatchDoc, Query } from './types.js';

/** How well one facet agrees, 0–1; `detail` names what agreed (for the explanation). */
export type FacetValue = { value: number; detail?: { zh: string; en: string } };
export type FacetValues = Partial<Record<Exclude<FactorKey, 'text'>, FacetValue>>;

const DAY_MS = 86_400_000;

function overlap(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  if (!a?.length || !b?.length) return [];
  const bs = new Set(b);
  return a.filter((x) => bs.has(x));
}

/** The asker and the offerer of a pair, by direction. */
function sides(direction: Direction, q: Facets, d: Facets): { asks: Facets; offers: Facets } | null {
  if (direction === 'demand-achievements' || direction === 'text-achievements') return { asks: q, offers: d };
  if (direction === 'achievement-demands') return { asks: d, offers: q };
  return null;
}

// Names for codes; a value that is not a catalog code (imported data) is shown as it is.
const sectionName = (code: string, en: boolean) => {
  const s = industrySection(code);
  return s ? (en ? s.nameEn : s.name) : code;
};
const fieldName = (code: string, en: boolean) => {
  const f = techFieldEntry(code);
  return f ? (en ? f.nameEn : f.name) : code;
};
const modeName = (kind: 'cooperationMode' | 'transferMode', code: string, en: boolean) => enumLabel(kind, code, en ? 'en' : 'zh-CN');

function industry(q: Facets, d: Facets): FacetValue | undefined {
  if (!q.industrySections?.length || !d.industrySections?.length) return undefined;
  const shared = overlap(q.industrySections, d.industrySections);
  if (shared.length === 0) return { value: 0 };
  // Same section; a different division of it is a weaker agreement.
  const value = q.industryDivision && d.industryDivision && q.industryDivision !== d.industryDivision ? 0.7 : 1;
  return { value, detail: { zh: `行业：${shared.map((c) => sectionName(c, false)).join('、')}`, en: `industry: ${shared.map((c) => sectionName(c, true)).join(', ')}` } };
}

function techField(q: Facets, d: Facets): FacetValue | undefined {
  if (!q.techField || !d.techField) return undefined;
  if (q.techField === d.techField) return { value: 1, detail: { zh: `技术领域：${fieldName(d.techField, false)}`, en: `technology field: ${fieldName(d.techField, true)}` } };
  const qt = q.techFieldTop ?? q.techField.split('.')[0];
  const dt = d.techFieldTop ?? d.techField.split('.')[0];
  if (qt && qt === dt) return { value: 0.5, detail: { zh: `同属技术领域：${fieldName(qt, false)}`, en: `same technology area: ${fieldName(qt, true)}` } };
  return { value: 0 };
}

function cooperation(direction: Direction, q: Facets, d: Facets): FacetValue | undefined {
  const s = sides(direction, q, d);
  if (!s) {
    const shared = overlap(q.transferModes, d.transferModes);
    if (!q.transferModes?.length || !d.transferModes?.length) return undefined;
    if (!shared.length) return { value: 0 };
    return {
      value: 1,
      detail: { zh: `转化方式：${shared.map((m) => modeName('transferMode', m, false)).join('、')}`, en: `transfer modes: ${shared.map((m) => modeName('transferMode', m, true)).join(', ')}` },
    };
  }
  const wants = s.asks.cooperationModes;
  const offers = s.offers.transferModes;
  if (!wants?.length || !offers?.length) return undefined;
  let best = 0;
  let pair: [string, string] = ['', ''];
  for (const c of wants) {
    for (const t of offers) {
      const fit = compatibilityFit(c as CooperationMode, t as TransferMode);
      const v = fit === 'direct' ? 1 : fit === 'partial' ? 0.5 : 0;
      if (v > best) {
        best = v;
        pair = [c, t];
      }
    }
  }
  if (best === 0) return { value: 0 };
  const [c, t] = pair;
  return {
    value: best,
    detail: {
      zh: `需求方式「${modeName('cooperationMode', c, false)}」对应成果方式「${modeName('transferMode', t, false)}」`,
      en: `wanted "${modeName('cooperationMode', c, true)}" fits offered "${modeName('transferMode', t, true)}"`,
    },
  };
}

function trlOf(f: Facets, config: MatchConfig): number | undefined {
  if (f.trl !== undefined) return f.trl;
  return f.stage !== undefined ? config.trlByStage[f.stage] : undefined;
}

function readiness(direction: Direction, q: Facets, d: Facets, config: MatchConfig): FacetValue | undefined {
  const qt = trlOf(q, config);
  const dt = trlOf(d, config);
  if (dt === undefined) return undefined;
  if (qt !== undefined) {
    const value = Math.max(0, 1 - Math.abs(qt - dt) / 4);
    return { value, detail: { zh: `成熟度 TRL ${dt}（期望 ${qt}）`, en: `readiness TRL ${dt} (wanted ${qt})` } };
  }
  // An enterprise stating no level is better served by what it can use now.
  if (direction === 'demand-achievements' || direction === 'text-achievements') {
    return { value: (dt - 1) / 8, detail: { zh: `成熟度 TRL ${dt}`, en: `readiness TRL ${dt}` } };
  }
  return undefined;
}

function budget(direction: Direction, q: Facets, d: Facets): FacetValue | undefined {
  const s = sides(direction, q, d);
  const max = s?.asks.budget?.maxFen;
  const price = s?.offers.priceFen;
  if (max === undefined || price === undefined) return undefined;
  const wan = (fen: number) => `${+(fen / 1_000_000).toFixed(2)}万元`; // 1 万元 = 1 000 000 fen
  const cny = (fen: number) => `CNY ${Math.round(fen / 100).toLocaleString('en-US')}`;
  if (price <= max) return { value: 1, detail: { zh: `价格 ${wan(price)}，在预算 ${wan(max)} 内`, en: `price ${cny(price)} within budget ${cny(max)}` } };
  if (price <= max * 1.5) return { value: 0.5, detail: { zh: `价格 ${wan(price)}，略高于预算 ${wan(max)}`, en: `price ${cny(price)} slightly above budget ${cny(max)}` } };
  return { value: 0 };
}

/** A region code without its trailing "00" pairs: 620000 → 62, 620600 → 6206. */
export function regionPrefix(code: string): string {
  return code.replace(/(00)+$/, '');
}

function region(q: Facets, d: Facets): FacetValue | undefined {
  if (!q.regionCode || !d.regionCode) return undefined;
  const a = q.regionCode;
  const b = d.regionCode;
  if (a === b) return { value: 1, detail: { zh: '同一地区', en: 'same area' } };
  if (a.slice(0, 4) === b.slice(0, 4)) return { value: 0.7, detail: { zh: '同一市', en: 'same city' } };
  if (a.slice(0, 2) === b.slice(0, 2)) return { value: 0.4, detail: { zh: '同一省', en: 'same province' } };
  return { value: 0 };
}

function freshness(q: Query, d: Facets, config: MatchConfig): FacetValue | undefined {
  if (!d.publishedAt) return undefined;
  const age = (Date.parse(q.now) - Date.parse(d.publishedAt)) / DAY_MS;
  if (!Number.isFinite(age)) return undefined;
  const value = Math.pow(0.5, Math.max(0, age) / config.freshness.halfLifeDays);
  return { value, detail: { zh: `发布于 ${d.publishedAt.slice(0, 10)}`, en: `published ${d.publishedAt.slice(0, 10)}` } };
}

/** Every facet factor that applies to the pair (missing facets on either side: not applicable). */
export function facetValues(q: Query, doc: MatchDoc, config: MatchConfig): FacetValues {
  const d = doc.facets;
  const out: FacetValues = {};
  const set = (k: keyof FacetValues, v: FacetValue | undefined) => {
    if (v) out[k] = v;
  };
  set('industry', industry(q.facets, d));
  set('techField', techField(q.facets, d));
  set('cooperation', cooperation(q.direction, q.facets, d));
  set('readiness', readiness(q.direction, q.facets, d, config));
  set('budget', budget(q.direction, q.facets, d));
  set('region', region(q.facets, d));
  set('freshness', freshness(q, d, config));
  return out;
}

/**
 * True when `doc` passes every hard filter. A filter on a facet the record
 * lacks excludes it (a "TRL ≥ 6" filter does not return records of unknown
 * TRL), except the price ceiling: a negotiable price (面议) may fit any budget.
 */
export function passesFilters(doc: MatchDoc, filters: Filters, selfId?: string): boolean {
  const d = doc.facets;
  if (selfId !== undefined && doc.id === selfId) return false;
  if (filters.excludeIds?.includes(doc.id)) return false;
  if (filters.industrySections?.length && overlap(filters.industrySections, d.industrySections).length === 0) return false;
  if (filters.techFields?.length && !filters.techFields.some((f) => d.techField === f || d.techField?.startsWith(`${f}.`))) return false;
  if (filters.regionCodes?.length && !filters.regionCodes.some((r) => d.regionCode?.startsWith(regionPrefix(r)))) return false;
  if (filters.transferModes?.length && overlap(filters.transferModes, d.transferModes).length === 0) return false;
  if (filters.cooperationModes?.length && overlap(filters.cooperationModes, d.cooperationModes).length === 0) return false;
  if (filters.minTrl !== undefined && (d.trl === undefined || d.trl < filters.minTrl)) return false;
  if (filters.maxPriceFen !== undefined && d.priceFen !== undefined && d.priceFen > filters.maxPriceFen) return false;
  return true;
}
