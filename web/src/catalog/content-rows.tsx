import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AchievementDraft, DemandDraft } from '@shared/contracts/catalog-content.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useEnumLabel, useLocale } from './locale';
import { formatFen } from './money';
import { industryLabel, pillarLabel, regionLabel, techFieldLabel, trlText } from './taxonomy-options';

/**
 * One labelled fact of a listing's content. `compare` is a stable string of
 * the value, so the review desk can tell which fields an edit changed.
 */
export type ContentRow = { key: string; label: string; value: ReactNode; compare: string; long?: boolean };

const ACHIEVEMENT_ORDER = [
  'title', 'registrationNumber', 'recommendingUnit', 'registrationDate', 'research', 'confidentiality', 'attribute', 'keywords',
  'form', 'level', 'stage', 'evaluationMethod', 'applicationStatus', 'nonApplicationReason', 'industry', 'techField', 'pillarTags',
  'regionCode', 'trl', 'ipItems', 'transferModes', 'licenseKinds', 'price', 'summary', 'advantage', 'applicationScenarios',
  'commercialRoute', 'completingUnits', 'completers', 'attachments', 'contact',
] as const;

const DEMAND_ORDER = [
  'title', 'problem', 'indicators', 'currentState', 'budget', 'cooperationModes', 'deadline', 'industry', 'techField', 'pillarTags',
  'regionCode', 'keywords', 'attachments', 'contact',
] as const;

/** The rows of a (possibly partial) content, in the registration form's order. */
export function useContentRows() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const locale = useLocale();
  const f = (k: string) => t(`catalog.fields.${k}` as 'catalog.fields.title');

  return (kind: ListingKind, content: Partial<AchievementDraft> | Partial<DemandDraft> | null | undefined): ContentRow[] => {
    if (!content) return [];
    const c = content as Partial<AchievementDraft> & Partial<DemandDraft>;
    const order: readonly string[] = kind === 'achievement' ? ACHIEVEMENT_ORDER : DEMAND_ORDER;
    const rows: ContentRow[] = [];
    const push = (key: string, value: ReactNode, compare: unknown, long = false) =>
      rows.push({ key, label: f(key), value, compare: JSON.stringify(compare ?? null), long });
    const text = (s: string | undefined) => (s ? <span className="cg-pre">{s}</span> : '—');
    const tags = (kind2: Parameters<typeof label>[0], codes: readonly string[] | undefined) =>
      codes && codes.length ? codes.map((x) => <Tag key={x}>{label(kind2, x)}</Tag>) : '—';

    for (const key of order) {
      switch (key) {
        case 'title': push(key, c.title ?? '—', c.title); break;
        case 'registrationNumber': case 'recommendingUnit': case 'registrationDate': case 'deadline':
          push(key, c[key] ?? '—', c[key]); break;
        case 'research': push(key, c.researchStart || c.researchEnd ? `${c.researchStart ?? '?'} ~ ${c.researchEnd ?? '?'}` : '—', [c.researchStart, c.researchEnd]); break;
        case 'confidentiality': push(key, label('confidentiality', c.confidentiality), c.confidentiality); break;
        case 'attribute': push(key, label('achievementAttribute', c.attribute), c.attribute); break;
        case 'form': push(key, label('achievementForm', c.form), c.form); break;
        case 'level': push(key, label('achievementLevel', c.level), c.level); break;
        case 'stage': push(key, label('achievementStage', c.stage), c.stage); break;
        case 'evaluationMethod': push(key, label('evaluationMethod', c.evaluationMethod), c.evaluationMethod); break;
        case 'applicationStatus': push(key, label('applicationStatus', c.applicationStatus), c.applicationStatus); break;
        case 'nonApplicationReason': if (c.nonApplicationReason) push(key, label('nonApplicationReason', c.nonApplicationReason), c.nonApplicationReason); break;
        case 'keywords': push(key, c.keywords?.length ? c.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—', c.keywords); break;
        case 'industry': push(key, industryLabel(c.industrySection, c.industryDivision, locale), [c.industrySection, c.industryDivision]); break;
        case 'techField': push(key, techFieldLabel(c.techField, locale), c.techField); break;
        case 'pillarTags': push(key, c.pillarTags?.length ? c.pillarTags.map((p) => <Tag key={p} color="orange">{pillarLabel(p, locale)}</Tag>) : '—', c.pillarTags); break;
        case 'regionCode': push(key, regionLabel(c.regionCode, locale), c.regionCode); break;
        case 'trl': {
          const l = trlText(c.trl, locale);
          push(key, l ? <span><b>TRL {c.trl} · {l.name}</b><br /><small>{l.definition}</small></span> : '—', c.trl);
          break;
        }
        case 'ipItems':
          push(key, c.ipItems?.length ? (
            <ul className="cg-plain-list">
              {c.ipItems.map((ip, i) => (
                <li key={i}>
                  <Tag color="purple">{label('ipType', ip.type)}</Tag>
                  {ip.number && <code>{ip.number}</code>} {ip.title} · {label('ipLegalStatus', ip.legalStatus)}
                  {ip.expiryDate && ` · ${t('catalog.fields.expiryDate')} ${ip.expiryDate}`}
                </li>
              ))}
            </ul>
          ) : '—', c.ipItems, true);
          break;
        case 'transferModes': push(key, tags('transferMode', c.transferModes), c.transferModes); break;
        case 'licenseKinds': if (c.licenseKinds?.length) push(key, tags('licenseKind', c.licenseKinds), c.licenseKinds); break;
        case 'cooperationModes': push(key, tags('cooperationMode', c.cooperationModes), c.cooperationModes); break;
        case 'price':
          push(key, !c.price ? '—' : c.price.kind === 'fixed' ? formatFen(c.price.amountFen, locale) : t('catalog.negotiable'), c.price);
          break;
        case 'budget': {
          const b = c.budget;
          const range = b && (b.minFen !== undefined || b.maxFen !== undefined)
            ? `${b.minFen !== undefined ? formatFen(b.minFen, locale) : '…'} – ${b.maxFen !== undefined ? formatFen(b.maxFen, locale) : '…'}`
            : '';
          push(key, b ? [range, b.negotiable ? t('catalog.negotiable') : ''].filter(Boolean).join(' · ') || '—' : '—', b);
          break;
        }
        case 'summary': case 'advantage': case 'applicationScenarios': case 'commercialRoute': case 'problem': case 'indicators': case 'currentState':
          push(key, text(c[key]), c[key], true); break;
        case 'completingUnits':
          push(key, c.completingUnits?.length ? (
            <ul className="cg-plain-list">{c.completingUnits.map((u, i) => <li key={i}>{u.name}{u.creditCode ? ` (${u.creditCode})` : ''} · {u.share}%</li>)}</ul>
          ) : '—', c.completingUnits, true);
          break;
        case 'completers':
          push(key, c.completers?.length ? (
            <ul className="cg-plain-list">{c.completers.map((u, i) => <li key={i}>{u.name}{u.title ? ` · ${u.title}` : ''}{u.unit ? ` · ${u.unit}` : ''} · {u.share}%</li>)}</ul>
          ) : '—', c.completers, true);
          break;
        case 'attachments':
          push(key, c.attachments?.length ? t('catalog.fields.attachmentCount', { count: c.attachments.length }) : '—', c.attachments);
          break;
        case 'contact':
          push(key, c.contact ? [c.contact.name, c.contact.phone, c.contact.email].filter(Boolean).join(' · ') : '—', c.contact);
          break;
      }
    }
    return rows;
  };
}
