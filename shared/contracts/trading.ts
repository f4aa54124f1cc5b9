/**
 * Technology trading (docs/workflows/trading.md): listings, offers, deals and
 * objections in trading-listings.ts; auctions, bidders and bids in
 * trading-auctions.ts. One import path for both.
 */
export * from './trading-listings.js';
export * from './trading-auctions.js';
export * from './trading-confirmations.js';
