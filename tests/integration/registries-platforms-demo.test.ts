import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/load-demo.js';
import { platforms } from '../../server/modules/registries/schema.js';
import { TestClient } from '../support/client.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

describe('innovation platform demo data', () => {
  it('publishes two open platforms the directory finds, once', async () => {
    await loadDemo(env.db, env.clock.now());
    const rows = await env.db.select().from(platforms).where(like(platforms.externalId, 'demo-platform-%'));
    expect(rows.map((r) => [r.platformType, r.level, r.status, r.openToOthers]).sort()).toEqual([
      ['engineering_centre', 'municipal', 'published', true],
      ['key_lab', 'provincial', 'published', true],
    ]);
    const found = await new TestClient(env.app).get(`/api/v1/platforms?open=true&q=${encodeURIComponent('酿酒葡萄')}`);
    expect(found.body.items.map((i: { name: string }) => i.name)).toEqual(['武威市酿酒葡萄工程技术研究中心（演示）']);
    await loadDemo(env.db, env.clock.now());
    expect(await env.db.select().from(platforms).where(like(platforms.externalId, 'demo-platform-%'))).toHaveLength(2);
  });
});
