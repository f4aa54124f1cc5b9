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
