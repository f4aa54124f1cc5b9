import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DbOrTx } from '../../db/client.js';

/**
 * Live auction updates across instances: every change to an auction (bid,
 * extension, close) sends a PostgreSQL NOTIFY on one channel inside its
 * transaction, so it is delivered only on commit, to every instance. Each
 * process holds ONE listening connection (opened on the first subscriber)
 * and fans the notices out to its server-sent-event streams.
 */
export const AUCTION_CHANNEL = 'chengguo_auction';

export async function auctionsChannelNotify(tx: DbOrTx, auctionId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${AUCTION_CHANNEL}, ${auctionId})`);
}

type Listener = () => void;

export class AuctionHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  /** Call `fn` after every committed change to the auction; returns the unsubscribe function. */
  async subscribe(auctionId: string, fn: Listener): Promise<() => void> {
    await this.connect();
    const set = this.listeners.get(auctionId) ?? new Set<Listener>();
    set.add(fn);
    this.listeners.set(auctionId, set);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(auctionId);
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      try {
        const c = await this.pool.connect();
        c.on('notification', (m) => {
          if (m.channel !== AUCTION_CHANNEL || !m.payload) return;
          for (const fn of this.listeners.get(m.payload) ?? []) fn();
        });
        // A lost connection is dropped; the next subscriber reconnects, and
        // browsers reconnect by themselves (Last-Event-ID) and get the state again.
        c.on('error', (err) => {
          this.log.warn({ err }, 'auction listener connection lost');
          if (this.client === c) this.client = null;
          c.release(err);
        });
        await c.query(`LISTEN ${AUCTION_CHANNEL}`);
        this.client = c;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => {});
    const c = this.client;
    this.client = null;
    this.listeners.clear();
    if (c) {
      await c.query(`UNLISTEN ${AUCTION_CHANNEL}`).catch(() => {});
      c.release();
    }
  }
}
