import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { bothConfirmedAt } from './confirmations.js';
import { tradeDealConfirmations, tradeDeals } from './schema.js';

/** What a technology contract needs from the deal it starts from. */
export type DealForContract = {
  dealId: string;
  /** auction: won at auction; listing: fixed price accepted or negotiated price agreed. */
  kind: 'auction' | 'listing';
  achievementId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  /** Integer fen. */
  amountFen: number;
  /** A code of the transferMode taxonomy (transfer, license, equity-investment, …). */
  transferMode: string;
  /** When the deal became final (public notice passed with no objection open). */
  closedAt: Date;
};

/**
 * The stable lookup the contracts domain uses to start a contract from a
 * deal. Only FINAL deals are returned: a deal still in public notice (公示)
 * or cancelled after an upheld objection gives null, as does an unknown id.
 */
export async function dealForContract(db: DbOrTx, dealId: string): Promise<DealForContract | null> {
  const [d] = await db.select().from(tradeDeals).where(eq(tradeDeals.id, dealId));
  if (!d || d.status !== 'final' || !d.finalisedAt) return null;
  return {
    dealId: d.id,
    kind: d.kind === 'auction' ? 'auction' : 'listing',
    achievementId: d.achievementId,
    sellerOrgId: d.sellerOrgId,
    buyerOrgId: d.buyerOrgId,
    amountFen: d.amountFen,
    transferMode: d.transferMode,
    closedAt: d.finalisedAt,
  };
}

/**
 * When both parties confirmed the deal on the platform (成交确认书, the later
 * confirmation, both of the same content), or null. For the contract form's
 * note; the registration still requires the signed contract.
 */
export async function dealConfirmedAt(db: DbOrTx, dealId: string): Promise<Date | null> {
  return bothConfirmedAt(await db.select().from(tradeDealConfirmations).where(eq(tradeDealConfirmations.dealId, dealId)));
}
