import { and, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../server/core/jobs/queue.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { loadDictionary } from '../../server/modules/catalog/search/dictionary.js';
import { reindexListingJob } from '../../server/modules/catalog/search/index-listing.js';
import { segmenter } from '../../server/modules/search/index.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';
import { createAchievement, seedCatalog } from '../support/listing-factory.js';

const env = await setupTestEnv();
const TERM = '固沙锁边带';
let admin: TestClient;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let belt: string;

beforeAll(async () => {
  const farm = await createOrg(env.db);
  const lab = await createOrg(env.db, { type: 'research_institute' });
  cat = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
  belt = (
    await createAchievement(
      env.db,
      { title: '沙漠绿洲边缘固沙锁边带营造技术', summary: '在绿洲与沙漠交界处营造乔灌草结合的固沙锁边带，阻止流沙侵入农田，适用于民勤、古浪沙区。' },
      { organisationId: farm.id },
    )
  ).id;
  const u = await createUser(env.db, { roles: ['bureau_admin'] });
  admin = await signIn(env.app, u.username, PASSWORD);
});

const wholeWordIndexed = async (id: string, word: string) =>
  (await env.db.execute<{ m: boolean }>(sql`SELECT search_vector @@ ${`'${word}'`}::tsquery AS m FROM achievements WHERE id = ${id}`)).rows[0]!.m;

describe('dictionary administration and index rebuild', () => {
  it('adds a term (audited) and reports the index as stale', async () => {
    expect(segmenter().cut(TERM)).not.toEqual([TERM]);
    expect(await wholeWordIndexed(belt, TERM)).toBe(false);
    const res = await admin.post('/api/v1/admin/dictionary', { term: TERM });
    expect(res.status).toBe(200);
    expect(res.body.terms.map((t: { term: string }) => t.term)).toEqual([TERM]);
    expect(res.body.staleListings).toBe(8);
    expect(segmenter().cut(TERM)).toEqual([TERM]);
    const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'dictionary.add')).orderBy(desc(auditLog.seq)).limit(1);
    expect(row).toMatchObject({ entityType: 'dictionary_term', changes: { term: TERM } });
  });

  it('refuses malformed and duplicate terms with a field message, changing nothing', async () => {
    for (const term of ['固', '固沙 锁边', '长'.repeat(25), '', 'a\u0000b']) {
      const res = await admin.post('/api/v1/admin/dictionary', { term });
      expect(res.status, JSON.stringify(term)).toBe(400);
      expect(res.body.error.fields[0].path).toBe('term');
    }
    const dup = await admin.post('/api/v1/admin/dictionary', { term: TERM });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('term');
    expect((await admin.get('/api/v1/admin/dictionary')).body.terms).toHaveLength(1);
  });

  it('rebuilds the index with progress, one rebuild at a time, and then finds the term as a whole word', async () => {
    expect((await admin.get('/api/v1/admin/search-index/rebuilds/latest')).body).toEqual({ rebuild: null });
    const started = await admin.post('/api/v1/admin/search-index/rebuilds');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'queued', done: 0 });
    const again = await admin.post('/api/v1/admin/search-index/rebuilds');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    await env.drainJobs();
    const latest = (await admin.get('/api/v1/admin/search-index/rebuilds/latest')).body.rebuild;
    expect(latest).toMatchObject({ id: started.body.id, status: 'done', total: 8, done: 8, error: null });
    expect(latest.finishedAt).toBeTruthy();
    expect(await wholeWordIndexed(belt, TERM)).toBe(true);
    expect((await admin.get('/api/v1/admin/dictionary')).body.staleListings).toBe(0);

    const found = await new TestClient(env.app).get(`/api/v1/achievements?q=${encodeURIComponent(TERM)}`);
    expect(found.body).toMatchObject({ mode: 'and', total: 1 });
    expect(found.body.items[0].id).toBe(belt);
    const [s, e] = found.body.items[0].titleHighlights[0];
    expect(found.body.items[0].title.slice(s, e)).toBe(TERM);
    // A new rebuild may start once the previous one finished.
    expect((await admin.post('/api/v1/admin/search-index/rebuilds')).status).toBe(200);
    await env.drainJobs();
  });

  it('removes a term (audited); an unknown term is 404', async () => {
    const res = await admin.delete(`/api/v1/admin/dictionary/${encodeURIComponent(TERM)}`);
    expect(res.status).toBe(200);
    expect(res.body.terms).toEqual([]);
    expect(segmenter().cut(TERM)).not.toEqual([TERM]);
    expect((await admin.delete(`/api/v1/admin/dictionary/${encodeURIComponent(TERM)}`)).status).toBe(404);
    const rows = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'dictionary.remove')));
    expect(rows).toHaveLength(1);
  });

  it('is closed to everyone but the bureau administrator', async () => {
    const reviewer = await createUser(env.db, { roles: ['reviewer'] });
    const r = await signIn(env.app, reviewer.username, PASSWORD);
    expect((await r.post('/api/v1/admin/dictionary', { term: '测试词条' })).status).toBe(403);
    expect((await new TestClient(env.app).get('/api/v1/admin/dictionary')).status).toBe(401);
  });
});

describe('start-up loading and the re-index job', () => {
  it('loads the terms stored in the database into the segmenter', async () => {
    await env.db.execute(sql`INSERT INTO dictionary_terms (term) VALUES ('梭梭嫁接肉苁蓉')`);
    const before = segmenter().version;
    const version = await loadDictionary(env.db);
    expect(version).not.toBe(before);
    expect(segmenter().cut('梭梭嫁接肉苁蓉')).toEqual(['梭梭嫁接肉苁蓉']);
  });

  it('clears the vector of a listing that is no longer published and indexes a newly published one', async () => {
    await env.db.execute(sql`UPDATE achievements SET status = 'withdrawn' WHERE id = ${cat.sand.id}`);
    await env.db.transaction((tx) => enqueue(tx, reindexListingJob, { kind: 'achievement', id: cat.sand.id }));
    await env.drainJobs();
    const r = await env.db.execute<{ v: string | null }>(sql`SELECT search_vector::text AS v FROM achievements WHERE id = ${cat.sand.id}`);
    expect(r.rows[0]!.v).toBeNull();
    const search = await new TestClient(env.app).get(`/api/v1/achievements?q=${encodeURIComponent('机械治沙')}`);
    expect(search.body.items.map((i: { id: string }) => i.id)).not.toContain(cat.sand.id);
  });
});
