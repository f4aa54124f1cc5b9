import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queueMail } from '../mail/queue-mail.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtToday } from '../projects/due-dates.js';
import type { Explanation } from './engine/index.js';
import { unsubscribeToken } from './subscriptions.js';

/** The hour (district time) from which the day's digests go out. */
export const DIGEST_HOUR = 8;
const DAY_MS = 86_400_000;

const districtHour = (d: Date) => (d.getUTCHours() + 8) % 24;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** Whether a subscription's digest is due now: daily once a district day, weekly seven days after the last. */
export function digestDue(kind: string, last: Date | null, now: Date): boolean {
  if (kind === 'none' || districtHour(now) < DIGEST_HOUR) return false;
  if (!last) return true;
  const gap = daysBetween(districtToday(last), districtToday(now));
  return kind === 'daily' ? gap >= 1 : gap >= 7;
}

type Hit = { id: string; record_kind: string; record_id: string; score: number; explanation: Explanation; title: string | null };

/** The digest's text, Chinese then English, each hit with its explanation; the unsubscribe link last. */
export function digestMail(input: { displayName: string; kind: 'daily' | 'weekly'; about: string; hits: Hit[]; baseUrl: string; unsubscribeUrl: string }) {
  const { platformName, platformNameEn } = loadDistrict().district;
  const link = (h: Hit) => `${input.baseUrl}/${h.record_kind === 'demand' ? 'demands' : 'achievements'}/${h.record_id}`;
  const zh = input.hits.map((h, i) => `${i + 1}. ${h.title ?? ''}（匹配度 ${Math.round(h.score * 100)}%）\n   ${h.explanation.summary.zh}\n   ${link(h)}`);
  const en = input.hits.map((h, i) => `${i + 1}. ${h.title ?? ''} (relevance ${Math.round(h.score * 100)}%)\n   ${h.explanation.summary.en}\n   ${link(h)}`);
  return {
    subject: `${input.kind === 'daily' ? '每日' : '每周'}匹配推送：${input.hits.length} 条新记录 / ${input.hits.length} new matches – ${platformName}`,
    bodyText: [
      `${input.displayName}，您好：`,
      '',
      `以下新发布的记录与您的订阅“${input.about}”匹配：`,
      '',
      ...zh,
      '',
      `不想再收到此订阅的推送？打开以下链接即可退订（无需登录）：`,
      input.unsubscribeUrl,
      '',
      '----',
      '',
      `Hello ${input.displayName},`,
      '',
      `These newly published records on ${platformNameEn} match your subscription “${input.about}”:`,
      '',
      ...en,
      '',
      'To stop this subscription, open this link (no sign-in needed):',
      input.unsubscribeUrl,
    ].join('\n'),
  };
}

/**
 * Sends the digests that are due: for each active subscription with a daily
 * or weekly digest, the hits not yet e-mailed, in one mail to its owner (if
 * they have an address), then marks them digested. Nothing to say, no mail.
 * Each subscription in its own transaction: a failure leaves the others sent.
 */
export async function sendDigests(db: Db, now: Date, baseUrl: string): Promise<number> {
  const base = baseUrl.replace(/\/+$/, '');
  const subs = await db.execute<{ id: string; email_digest: string; last_digest_at: Date | null; email: string | null; display_name: string; source_kind: string; source_id: string | null; profile_text: string | null }>(sql`
    SELECT s.id, s.email_digest, s.last_digest_at, u.email, u.display_name, s.source_kind, s.source_id, s.profile_text
    FROM match_subscriptions s JOIN users u ON u.id = s.user_id
    WHERE s.active AND s.email_digest IN ('daily', 'weekly') AND u.status = 'active'
      AND EXISTS (SELECT 1 FROM match_subscription_hits h WHERE h.subscription_id = s.id AND h.digested_at IS NULL)`);
  let sent = 0;
  for (const s of subs.rows) {
    if (!digestDue(s.email_digest, s.last_digest_at ? new Date(s.last_digest_at) : null, now)) continue;
    const did = await db.transaction(async (tx) => {
      // Lock the subscription so two workers never send the same digest.
      const locked = await tx.execute(sql`SELECT id FROM match_subscriptions WHERE id = ${s.id} AND active FOR UPDATE SKIP LOCKED`);
      if (locked.rows.length === 0) return false;
      const hits = await tx.execute<Hit>(sql`
        SELECT h.id, h.record_kind, h.record_id, h.score, h.explanation, coalesce(a.title, d.title) AS title
        FROM match_subscription_hits h
        LEFT JOIN achievements a ON a.id = h.record_id AND h.record_kind = 'achievement' AND a.status = 'published'
        LEFT JOIN demands d ON d.id = h.record_id AND h.record_kind = 'demand' AND d.status = 'published'
        WHERE h.subscription_id = ${s.id} AND h.digested_at IS NULL
        ORDER BY h.score DESC, h.created_at, h.id`);
      // Records withdrawn since are left out of the mail (but marked, so they never come back).
      const shown = hits.rows.filter((h) => h.title !== null).slice(0, 50);
      if (shown.length > 0 && s.email) {
        const about =
          s.source_kind === 'profile'
            ? (s.profile_text ?? '').slice(0, 40)
            : ((await tx.execute<{ title: string }>(sql`SELECT title FROM ${sql.raw(s.source_kind === 'achievement' ? 'achievements' : 'demands')} WHERE id = ${s.source_id}`)).rows[0]?.title ?? '');
        const token = await unsubscribeToken(tx, s.id);
        const mail = digestMail({
          displayName: s.display_name,
          kind: s.email_digest as 'daily' | 'weekly',
          about,
          hits: shown,
          baseUrl: base,
          unsubscribeUrl: `${base}/unsubscribe?token=${encodeURIComponent(token)}`,
        });
        await queueMail(tx, { to: s.email, ...mail });
      }
      await tx.execute(sql`UPDATE match_subscription_hits SET digested_at = ${now.toISOString()}::timestamptz WHERE id = ANY(${sql.param(hits.rows.map((h) => h.id))}::uuid[])`);
      await tx.execute(sql`UPDATE match_subscriptions SET last_digest_at = ${now.toISOString()}::timestamptz WHERE id = ${s.id}`);
      return shown.length > 0 && Boolean(s.email);
    });
    if (did) sent += 1;
  }
  return sent;
}
