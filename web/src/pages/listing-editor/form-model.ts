import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AchievementDraft, DemandDraft, ListingKind } from '@shared/contracts/catalog-content.js';
import { divisionSection } from '@shared/taxonomies/index.js';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { fenToYuanInput, yuanToFen } from '../../catalog/money';
import { regionCascaderValue } from '../../catalog/taxonomy-options';

/**
 * The editor's form values and their conversion to and from the API's draft.
 * The form differs from the draft only where a control needs another shape:
 * cascaders hold paths, date pickers hold dayjs, money is typed in 元.
 */
export type AttachmentItem = { fileId: string; caption?: string; filename?: string; sizeBytes?: number; contentType?: string };

export type EditorValues = Record<string, unknown> & {
  title?: string;
  industry?: string[];
  region?: string[];
  researchStart?: Dayjs | null;
  researchEnd?: Dayjs | null;
  registrationDate?: Dayjs | null;
  deadline?: Dayjs | null;
  price?: { kind?: 'fixed' | 'negotiable'; yuan?: string };
  budget?: { minYuan?: string; maxYuan?: string; negotiable?: boolean };
  ipItems?: { type?: string; number?: string; title?: string; legalStatus?: string; expiryDate?: Dayjs | null }[];
  completingUnits?: { name?: string; creditCode?: string; share?: number | null }[];
  completers?: { name?: string; unit?: string; title?: string; share?: number | null }[];
  attachments?: AttachmentItem[];
  contact?: { name?: string; phone?: string; email?: string };
};

type AnyDraft = Partial<AchievementDraft> & Partial<DemandDraft>;

/** Drop empty strings, nulls and empty objects, so optional fields are absent rather than invalid. */
function prune<T>(v: T): T | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return (v.trim() === '' ? undefined : v.trim()) as T;
  if (dayjs.isDayjs(v)) return v;
  if (Array.isArray(v)) return v.map((x) => prune(x)).filter((x) => x !== undefined) as T;
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return (Object.keys(out).length ? out : undefined) as T;
  }
  return v;
}

const month = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : undefined);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Form values → the draft the API takes (partial: whatever is filled in). */
export function toDraft(kind: ListingKind, raw: EditorValues | undefined): AnyDraft {
  const v = (prune(raw ?? {}) ?? {}) as EditorValues;
  const {
    industry, region, researchStart, researchEnd, registrationDate, deadline, price, budget, ipItems, attachments, completingUnits, completers,
    ...rest
  } = v;
  const d: Record<string, unknown> = { ...rest };
  if (industry?.[0]) d.industrySection = industry[0];
  if (industry?.[1]) d.industryDivision = industry[1];
  if (region?.length) d.regionCode = region[region.length - 1];
  if (kind === 'achievement') {
    if (researchStart) d.researchStart = month(researchStart);
    if (researchEnd) d.researchEnd = month(researchEnd);
    if (registrationDate) d.registrationDate = day(registrationDate);
    if (price?.kind === 'negotiable') d.price = { kind: 'negotiable' };
    else if (price?.kind === 'fixed') {
      const fen = yuanToFen(price.yuan);
      if (fen !== null) d.price = { kind: 'fixed', amountFen: fen };
    }
    if (ipItems) d.ipItems = ipItems.map((i) => ({ ...i, expiryDate: day(i.expiryDate) }));
    if (completingUnits) d.completingUnits = completingUnits.map((u) => ({ ...u, share: u.share ?? 0 }));
    if (completers) d.completers = completers.map((u) => ({ ...u, share: u.share ?? 0 }));
  } else {
    if (deadline) d.deadline = day(deadline);
    if (budget) {
      const b: { minFen?: number; maxFen?: number; negotiable: boolean } = { negotiable: budget.negotiable === true };
      const lo = yuanToFen(budget.minYuan);
      const hi = yuanToFen(budget.maxYuan);
      if (lo !== null) b.minFen = lo;
      if (hi !== null) b.maxFen = hi;
      d.budget = b;
    }
  }
  if (attachments) d.attachments = attachments.map((a) => ({ fileId: a.fileId, ...(a.caption ? { caption: a.caption } : {}) }));
  return prune(d) as AnyDraft;
}

/** A stored draft → form values. */
export function toValues(kind: ListingKind, draft: AnyDraft | null | undefined): EditorValues {
  if (!draft) return kind === 'achievement' ? { confidentiality: 'public', price: { kind: 'negotiable' } } : { budget: { negotiable: false } };
  const {
    industrySection, industryDivision, regionCode, researchStart, researchEnd, registrationDate, deadline, price, budget, ipItems, ...rest
  } = draft;
  const v: EditorValues = { ...(rest as Record<string, unknown>) };
  const section = industrySection ?? (industryDivision ? divisionSection(industryDivision) : undefined);
  if (section) v.industry = industryDivision ? [section, industryDivision] : [section];
  v.region = regionCascaderValue(regionCode);
  if (researchStart) v.researchStart = dayjs(`${researchStart}-01`);
  if (researchEnd) v.researchEnd = dayjs(`${researchEnd}-01`);
  if (registrationDate) v.registrationDate = dayjs(registrationDate);
  if (deadline) v.deadline = dayjs(deadline);
  if (price) v.price = price.kind === 'fixed' ? { kind: 'fixed', yuan: fenToYuanInput(price.amountFen) } : { kind: 'negotiable' };
  else if (kind === 'achievement') v.price = { kind: 'negotiable' };
  if (budget) v.budget = { minYuan: fenToYuanInput(budget.minFen), maxYuan: fenToYuanInput(budget.maxFen), negotiable: budget.negotiable };
  if (ipItems) v.ipItems = ipItems.map((i) => ({ ...i, expiryDate: i.expiryDate ? dayjs(i.expiryDate) : null }));
  return v;
}

/** Server (content) paths → the form's names where they differ. */
function formPath(path: string): string {
  if (path === 'industrySection' || path === 'industryDivision') return 'industry';
  if (path === 'regionCode') return 'region';
  if (path === 'price.amountFen') return 'price.yuan';
  if (path === 'price' || path === 'price.kind') return 'price.kind';
  if (path === 'budget.minFen') return 'budget.minYuan';
  if (path === 'budget.maxFen' || path === 'budget') return 'budget.maxYuan';
  if (path.startsWith('attachments')) return 'attachments';
  return path.replace(/^(content|body)\./, '');
}

/**
 * Put the server's field errors under the matching inputs (through
 * applyFieldErrors) and return the ones no input shows, for a summary.
 */
export function showServerErrors(form: FormInstance, err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const mapped = err.fields.map((f) => ({ path: formPath(f.path), message: f.message }));
  applyFieldErrors(form, new ApiError(err.status, err.code, err.message, err.requestId, mapped));
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  return mapped.filter((f) => !known.has(f.path));
}
