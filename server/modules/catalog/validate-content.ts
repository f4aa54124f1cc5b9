import { z } from 'zod';
import { AchievementContent, DemandContent, type ListingKind } from '../../../shared/contracts/catalog-content.js';
import { isPublishable } from '../../../shared/taxonomies/index.js';

export type FieldProblem = { path: string; zh: string; en: string };

const zhLocale = z.locales.zhCN().localeError;

/** Chinese for the refinements of catalog-content.ts, whose messages are English. */
const CUSTOM_ZH: Record<string, string> = {
  'division is not in this section': '所选行业大类不属于该门类',
  'start after end': '研究起始时间晚于结束时间',
  'shares must add up to 100': '各方所占比例之和应为 100%',
  'choose the licence kinds offered': '请选择提供的许可方式（独占、排他或普通许可）',
  'min above max': '预算下限高于上限',
};

/** Today's date in the district (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function districtToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Whether a revision's content may be submitted for publication: the full
 * content schema, plus the rules of publication itself (only public
 * achievements; a demand's deadline not already past). Every problem is
 * reported at once, with paths as in the saveDraft body (`summary`,
 * `completers.0.share`), so the form can mark each field.
 */
export function submissionProblems(
  kind: ListingKind,
  content: unknown,
  now: Date,
): { ok: true; content: AchievementContent | DemandContent } | { ok: false; fields: FieldProblem[] } {
  const parsed = kind === 'achievement' ? AchievementContent.safeParse(content) : DemandContent.safeParse(content);
  const fields: FieldProblem[] = parsed.success ? [] : parsed.error.issues.map(toFieldProblem);
  const c = content as { confidentiality?: string; deadline?: string };
  if (kind === 'achievement' && c.confidentiality && c.confidentiality !== 'public' && !isPublishableSafe(c.confidentiality)) {
    fields.push({
      path: 'confidentiality',
      zh: '涉密成果不能在平台公开发布，仅“公开”级成果可以提交',
      en: 'Classified achievements cannot be published; only public ones may be submitted',
    });
  }
  if (kind === 'demand' && c.deadline && c.deadline < districtToday(now)) {
    fields.push({ path: 'deadline', zh: '截止日期已过，请设置今天或以后的日期', en: 'The deadline has passed; choose today or a later date' });
  }
  if (fields.length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, content: parsed.data };
}

function isPublishableSafe(code: string): boolean {
  try {
    return isPublishable(code as Parameters<typeof isPublishable>[0]);
  } catch {
    return false;
  }
}

function toFieldProblem(issue: z.core.$ZodIssue): FieldProblem {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return { path, zh: '请填写此项', en: 'This field is required' };
  }
  if (issue.code === 'custom') return { path, zh: CUSTOM_ZH[issue.message] ?? issue.message, en: issue.message };
  const zh = zhLocale(issue as never) as string | { message: string } | undefined;
  return { path, zh: (typeof zh === 'string' ? zh : zh?.message) ?? issue.message, en: issue.message };
}
