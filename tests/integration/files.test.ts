import { randomUUID } from 'node:crypto';

import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { files } from '../../server/modules/files/schema.js';
import { assertFilesUsable } from '../../server/modules/files/read-file.js';
import { OWN_BYTES_PER_DAY, OWN_FILES_PER_DAY } from '../../server/modules/files/upload-file.js';
import { AppError } from '../../server/core/errors.js';
import { systemActor } from '../../server/core/access.js';
import { achievements, listingRevisions } from '../../server/modules/catalog/schema.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';
import { multipart } from '../support/multipart.js';

const env = await setupTestEnv();

async function upload(c: TestClient, purpose: string | null, name: string, data: Buffer) {
  const m = multipart(purpose, { name, data });
  return c.request('POST', '/api/v1/files', m.body, m.headers);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(24, 3)]);

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('s').addRow(['成果名称']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function member() {
  const org = await createOrg(env.db);
  const u = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
  return { org, u, c: await signIn(env.app, u.username, PASSWORD) };
}

describe('uploading files', () => {
  it('accepts every allowed type, detected from the content, with its SHA-256', async () => {
    const { c, org } = await member();
    const cases: [string, string, Buffer, string][] = [
      ['attachment', '检测报告.pdf', PDF, 'application/pdf'],
      ['attachment', 'photo.png', PNG, 'image/png'],
      ['attachment', 'photo.jpg', JPEG, 'image/jpeg'],
      ['attachment', 'photo.webp', WEBP, 'image/webp'],
      ['import', '成果.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['import', '成果.csv', Buffer.from('\uFEFF成果名称,关键词\n甲,乙\n'), 'text/csv'],
      ['import', '成果.jsonl', Buffer.from('{"title":"x"}\n'), 'application/x-ndjson'],
    ];
    for (const [purpose, name, data, type] of cases) {
      const res = await upload(c, purpose, name, data);
      expect(res.status, name).toBe(200);
      expect(res.body).toMatchObject({ filename: name, contentType: type, sizeBytes: data.length });
      expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const [row] = await env.db.select().from(files).where(eq(files.id, res.body.id));
      expect(row!.organisationId).toBe(org.id);
    }
  });

  it('refuses a file whose content does not match its purpose or its name, an empty file, and a missing purpose', async () => {
    const { c } = await member();
    const before = (await env.db.select().from(files)).length;
    const cases: [string | null, string, Buffer, string][] = [
      ['attachment', 'report.pdf', Buffer.from('just some text pretending to be a PDF'), 'file'],
      ['attachment', 'report.pdf', PNG, 'file'],
      ['attachment', 'evil.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary'), 'file'],
      ['import', 'data.csv', PDF, 'file'],
      ['import', 'data.csv', Buffer.from([0x41, 0x00, 0x42]), 'file'],
      ['import', 'data.csv', Buffer.from([0xc3, 0x28, 0x0a]), 'file'],
      ['attachment', 'empty.pdf', Buffer.alloc(0), 'file'],
      ['secret', 'a.pdf', PDF, 'purpose'],
      [null, 'a.pdf', PDF, 'purpose'],
    ];
    for (const [purpose, name, data, field] of cases) {
      const res = await upload(c, purpose, name, data);
      expect(res.status, `${purpose} ${name}`).toBe(400);
      expect(res.body.error.fields[0].path).toBe(field);
      expect(res.body.error.fields[0].message).toBeTruthy();
    }
    expect((await env.db.select().from(files)).length).toBe(before);
  });

  it('refuses an attachment over the limit with 413 and a file message, storing nothing', async () => {
    const { c } = await member();
    const before = (await env.db.select().from(files)).length;
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const res = await upload(c, 'attachment', 'big.pdf', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.fields[0].path).toBe('file');
    expect((await env.db.select().from(files)).length).toBe(before);
  });

  it('refuses anonymous uploads and a body that is not multipart', async () => {
    const anon = new TestClient(env.app);
    expect((await upload(anon, 'attachment', 'a.pdf', PDF)).status).toBe(401);
    const { c } = await member();
    const res = await c.post('/api/v1/files', { purpose: 'attachment' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('file');
  });
});

describe('downloading files', () => {
  it('serves the organisation’s own file with its type, an RFC 5987 name and nosniff; hides it from others', async () => {
    const { c } = await member();
    const up = await upload(c, 'attachment', '检测报告 2024.pdf', PDF);
    const res = await c.get(`/api/v1/files/${up.body.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('检测报告 2024.pdf')}`);
    expect(res.body).toBe(PDF.toString());

    const other = await member();
    expect((await other.c.get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
    expect((await new TestClient(env.app).get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
    const reviewer = await createUser(env.db, { roles: ['reviewer'] });
    expect((await (await signIn(env.app, reviewer.username, PASSWORD)).get(`/api/v1/files/${up.body.id}`)).status).toBe(200);
  });

  it('lets anyone download an attachment of a published listing, and nobody once it is withdrawn', async () => {
    const { c, org } = await member();
    const up = await upload(c, 'attachment', 'brochure.png', PNG);
    const id = randomUUID();
    const revId = randomUUID();
    await env.db.insert(achievements).values({ id, organisationId: org.id, title: '测试成果', status: 'published', publishedRevisionId: revId });
    await env.db.insert(listingRevisions).values({ id: revId, kind: 'achievement', achievementId: id, number: 1, status: 'approved', content: { title: '测试成果', attachments: [{ fileId: up.body.id }] } });
    const anon = new TestClient(env.app);
    const res = await anon.get(`/api/v1/files/${up.body.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    await env.db.update(achievements).set({ status: 'withdrawn' }).where(eq(achievements.id, id));
    expect((await anon.get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
  });
});

describe('attachments referenced by listings', () => {
  it('accepts the organisation’s own attachments and names each refused one by its index', async () => {
    const { c, org, u } = await member();
    const other = await member();
    const mine = (await upload(c, 'attachment', 'a.pdf', PDF)).body.id;
    const source = (await upload(c, 'import', 'a.csv', Buffer.from('成果名称\n甲\n'))).body.id;
    const theirs = (await upload(other.c, 'attachment', 'b.pdf', PDF)).body.id;
    const actor = { ...systemActor(), userId: u.id, organisationId: org.id, roles: ['enterprise_member' as const] };
    await expect(assertFilesUsable(env.db, actor, [mine])).resolves.toBeUndefined();
    const err = await assertFilesUsable(env.db, actor, [mine, theirs, source, randomUUID()]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).options.fields!.map((f) => f.path)).toEqual(['attachments.1.fileId', 'attachments.2.fileId', 'attachments.3.fileId']);
  });
});

describe('files of people without an organisation', () => {
  const orgless = async (roles: ('expert' | 'auditor' | 'sys_admin')[] = ['expert']) => {
    const u = await createUser(env.db, { roles });
    return { u, c: await signIn(env.app, u.username, PASSWORD) };
  };

  it('caps files of one\'s own at 50 or 100 MB in 24 hours: the next is refused with the reason and nothing stored; the day after, uploads go on; organisation members are not capped', async () => {
    const a = await orgless();
    const count = async () => (await env.db.select().from(files).where(eq(files.uploadedBy, a.u.id))).length;
    for (let i = 0; i < OWN_FILES_PER_DAY; i++) expect((await upload(a.c, 'attachment', `证据${i}.pdf`, PDF)).status).toBe(200);
    const refused = await upload(a.c, 'attachment', '多一个.pdf', PDF);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'file' });
    expect(refused.body.error.fields[0].message).toMatch(/每日上限/);
    expect(await count()).toBe(OWN_FILES_PER_DAY);
    env.clock.advance(24 * 3600 + 1);
    // (A day on, the session has lapsed: sign in again.)
    expect((await upload(await signIn(env.app, a.u.username, PASSWORD), 'attachment', '次日.pdf', PDF)).status).toBe(200);

    // Bytes: one upload that would pass the day's volume is refused too (the earlier row's size stands for large files).
    const b = await orgless();
    await env.db.insert(files).values({ uploadedBy: b.u.id, organisationId: null, purpose: 'attachment', filename: 'big.pdf', contentType: 'application/pdf', sizeBytes: OWN_BYTES_PER_DAY - 10, sha256: 'x', data: PDF, createdAt: env.clock.now() });
    expect((await upload(b.c, 'attachment', '再来一个.pdf', PDF)).status).toBe(429);

    const m = await member();
    for (let i = 0; i < OWN_FILES_PER_DAY + 1; i++) expect((await upload(m.c, 'attachment', `附件${i}.pdf`, PDF)).status).toBe(200);
  });

  it('an expert uploads evidence of their own: no organisation, theirs to read; another orgless account, an organisation member and the auditor get 404, the bureau reads it', async () => {
    const a = await orgless();
    const up = await upload(a.c, 'attachment', '异议证据.pdf', PDF);
    expect(up.status).toBe(200);
    const [row] = await env.db.select().from(files).where(eq(files.id, up.body.id));
    expect(row).toMatchObject({ organisationId: null, uploadedBy: a.u.id, purpose: 'attachment' });
    expect((await a.c.get(`/api/v1/files/${up.body.id}`)).body).toBe(PDF.toString());

    const b = await orgless();
    const m = await member();
    const auditor = await orgless(['auditor']);
    for (const other of [b.c, m.c, auditor.c, new TestClient(env.app)]) expect((await other.get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
    for (const role of ['reviewer', 'bureau_admin'] as const) {
      const staff = await createUser(env.db, { roles: [role] });
      expect((await (await signIn(env.app, staff.username, PASSWORD)).get(`/api/v1/files/${up.body.id}`)).status).toBe(200);
    }
  });

  it('the same checks of type and size apply; an import source is theirs too; every signed-in role may upload', async () => {
    const a = await orgless(['sys_admin']);
    const before = (await env.db.select().from(files)).length;
    const bad = await upload(a.c, 'attachment', 'report.pdf', PNG);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('file');
    expect((await env.db.select().from(files)).length).toBe(before);
    const ok = await upload(a.c, 'attachment', 'scan.png', PNG);
    expect(ok.status).toBe(200);
  });

  it('only the uploader may attach such a file: another orgless account or an organisation member is refused by field', async () => {
    const a = await orgless();
    const b = await orgless();
    const m = await member();
    const mine = (await upload(a.c, 'attachment', 'a.pdf', PDF)).body.id as string;
    const actorOf = (userId: string, organisationId: string | null, roles: ('expert' | 'enterprise_member')[]) => ({ ...systemActor(), userId, organisationId, roles });
    await expect(assertFilesUsable(env.db, actorOf(a.u.id, null, ['expert']), [mine], (i) => `evidenceFileIds.${i}`)).resolves.toBeUndefined();
    for (const actor of [actorOf(b.u.id, null, ['expert']), actorOf(m.u.id, m.org.id, ['enterprise_member'])]) {
      const err = await assertFilesUsable(env.db, actor, [mine], (i) => `evidenceFileIds.${i}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).options.fields!.map((f) => [f.path, f.zh])).toEqual([['evidenceFileIds.0', '附件不存在，或不是您或本单位上传的']]);
    }
  });
});

describe('organisation members’ rights are unchanged', () => {
  it('a colleague reads the organisation’s file and may attach it; an orgless account’s file stays out of the organisation’s reach', async () => {
    const { c, org } = await member();
    const colleague = await createUser(env.db, { roles: ['researcher'], organisationId: org.id });
    const cc = await signIn(env.app, colleague.username, PASSWORD);
    const up = (await upload(c, 'attachment', '检测报告.pdf', PDF)).body.id as string;
    expect((await cc.get(`/api/v1/files/${up}`)).status).toBe(200);
    await expect(assertFilesUsable(env.db, { ...systemActor(), userId: colleague.id, organisationId: org.id, roles: ['researcher'] }, [up])).resolves.toBeUndefined();
    const expert = await createUser(env.db, { roles: ['expert'] });
    const theirs = (await upload(await signIn(env.app, expert.username, PASSWORD), 'attachment', 'x.pdf', PDF)).body.id as string;
    expect((await c.get(`/api/v1/files/${theirs}`)).status).toBe(404);
  });
});
