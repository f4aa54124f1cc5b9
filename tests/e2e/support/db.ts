import pg from 'pg';

/**
 * The journeys' one way into the platform's database (its URL is provided by
 * global-setup as `e2eDatabaseUrl`). Journeys go through the browser; this is
 * only for what the real clock cannot give a test. Add nothing here that a
 * user could do on a page.
 */

/**
 * Ends the public notice (公示) of one deal now. The notice lasts the
 * listing's working days (five by default) on the real clock, which no test
 * can wait for, and the platform rightly has no "end notice now". So: move the
 * deal's notice end a minute into the past, make its queued finalisation job
 * due now, and wake the job worker (the channel `enqueue` notifies). The
 * platform's own job then makes the deal final exactly as it would after the
 * notice (objections checked, listing sold, parties told, audit row); if the
 * job were gone, the minutely trading sweep would do the same.
 */
export async function endPublicNotice(dbUrl: string, dealId: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const deal = await client.query(`UPDATE trade_deals SET notice_ends_at = now() - interval '1 minute' WHERE id = $1 AND status = 'notice'`, [dealId]);
    if (deal.rowCount !== 1) throw new Error(`Deal ${dealId} is not in public notice`);
    await client.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE name = 'trading.finalise_deal' AND status = 'queued' AND payload->>'dealId' = $1`, [dealId]);
    await client.query(`SELECT pg_notify('chengguo_jobs', 'trading.finalise_deal')`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Lets a confirmed booking's slot pass. A use can only be recorded once its
 * slot has ended, and a journey cannot wait hours on the real clock; so the
 * journey books a slot tomorrow morning (clear of the district's midnight) and
 * this moves that one confirmed booking of the named facility to the half hour
 * that ended a minute ago, as if that morning had come and gone. Answers the
 * new start and end.
 */
export async function passBookedSlot(dbUrl: string, facilityName: string): Promise<{ startsAt: Date; endsAt: Date }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const r = await client.query<{ starts_at: Date; ends_at: Date }>(
      `UPDATE facility_bookings b
          SET starts_at = date_trunc('minute', now()) - interval '31 minutes', ends_at = date_trunc('minute', now()) - interval '1 minute'
         FROM facilities f
        WHERE f.id = b.facility_id AND f.name = $1 AND b.status = 'confirmed'
        RETURNING b.starts_at, b.ends_at`,
      [facilityName],
    );
    if (r.rowCount !== 1) throw new Error(`Expected one confirmed booking of ${facilityName}, found ${r.rowCount}`);
    return { startsAt: r.rows[0]!.starts_at, endsAt: r.rows[0]!.ends_at };
  } finally {
    await client.end();
  }
}

/**
 * Lets a funding call's public notice (公示) period pass. The notice lasts the
 * call's days on the real clock, which no test can wait for, and the platform
 * rightly has no "end notice now". So: move the call's notice end a minute
 * into the past, as if the days had gone by. Nothing else changes: the bureau
 * then makes the list final from the call page (refused while an objection is
 * open), exactly as after the period; the hourly funding sweep would do the
 * same on its own.
 */
export async function passFundingNotice(dbUrl: string, callId: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const r = await client.query(`UPDATE funding_calls SET notice_ends_at = now() - interval '1 minute' WHERE id = $1 AND status = 'notice'`, [callId]);
    if (r.rowCount !== 1) throw new Error(`Funding call ${callId} is not in public notice`);
  } finally {
    await client.end();
  }
}
