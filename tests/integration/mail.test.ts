import { createServer, type Server } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { jobs } from '../../server/core/jobs/schema.js';
import { withTx } from '../../server/db/tx.js';
import { queueMail } from '../../server/modules/mail/queue-mail.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { scrubError } from '../../server/modules/mail/send-mail.js';
import { signIn, TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

afterEach(() => {
  delete process.env.SMTP_URL;
});

async function queue(subject: string) {
  await withTx(env.db, (tx) => queueMail(tx, { to: 'someone@example.test', subject, bodyText: `正文 body of ${subject}` }));
  const [row] = await env.db.select().from(mailOutbox).where(eq(mailOutbox.subject, subject));
  return row!;
}

async function mailById(id: string) {
  return (await env.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
}

/** Just enough SMTP on 127.0.0.1 to take messages; records each DATA section. */
async function smtpSink(): Promise<{ port: number; received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((sock) => {
    sock.setEncoding('utf8');
    sock.write('220 sink ESMTP\r\n');
    let buf = '';
    let data: string[] | null = null;
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line === '.') {
            received.push(data.join('\n'));
            data = null;
            sock.write('250 OK queued\r\n');
          } else data.push(line);
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 sink\r\n');
        else if (cmd === 'DATA') {
          data = [];
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('queueMail and the mail.send job', () => {
  it('writes the mail and a job in the caller’s transaction, and nothing on rollback', async () => {
    await expect(
      withTx(env.db, async (tx) => {
        await queueMail(tx, { to: 'x@example.test', subject: 'rolled-back', bodyText: 'b' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await env.db.select().from(mailOutbox).where(eq(mailOutbox.subject, 'rolled-back'))).toHaveLength(0);

    const mail = await queue('committed');
    expect(mail.status).toBe('queued');
    const queued = await env.db.select().from(jobs).where(eq(jobs.name, 'mail.send'));
    expect(queued.some((j) => (j.payload as { mailId: string }).mailId === mail.id)).toBe(true);
  });

  it('holds the mail in the outbox when no SMTP server is configured', async () => {
    delete process.env.SMTP_URL;
    const mail = await queue('held-mail');
    await env.drainJobs();
    const after = await mailById(mail.id);
    expect(after).toMatchObject({ status: 'held', sentAt: null, lastError: null });
  });

  it('sends over SMTP when SMTP_URL is set, and does not send twice', async () => {
    const sink = await smtpSink();
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
      const mail = await queue('Smtp delivery test');
      await env.drainJobs();
      const after = await mailById(mail.id);
      expect(after.status).toBe('sent');
      expect(after.sentAt).not.toBeNull();
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]).toContain('Subject: Smtp delivery test');
      expect(sink.received[0]).toContain('To: someone@example.test');
      await env.drainJobs();
      expect(sink.received).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it('retries with back-off and marks the mail failed after the last attempt, without leaking the password', async () => {
    process.env.SMTP_URL = `smtp://mailer:s3cret-pw@127.0.0.1:${await closedPort()}`;
    const mail = await queue('Unreachable server');
    await env.drainJobs();
    let row = await mailById(mail.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toBeTruthy();
    for (let i = 0; i < 4; i++) {
      env.clock.advance(3600);
      await env.drainJobs();
    }
    row = await mailById(mail.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, sentAt: null });
    expect(row.lastError).not.toContain('s3cret-pw');
    const [job] = (await env.db.select().from(jobs).where(eq(jobs.name, 'mail.send'))).filter(
      (j) => (j.payload as { mailId: string }).mailId === mail.id,
    );
    expect(job!.status).toBe('failed');
    expect(job!.lastError ?? '').not.toContain('s3cret-pw');
  });

  it('scrubs the SMTP URL and its password from error texts', () => {
    const url = 'smtps://u:p%40ss@mail.example:465';
    expect(scrubError(new Error(`cannot reach ${url} with p@ss`), url)).toBe('cannot reach [SMTP_URL] with ***');
  });
});

describe('GET /api/v1/admin/mail-outbox', () => {
  it('shows the system administrator the outbox, newest first, paged', async () => {
    await queue('outbox-one');
    await queue('outbox-two');
    await env.drainJobs();
    const admin = await createUser(env.db, { roles: ['sys_admin'] });
    const c = await signIn(env.app, admin.username, PASSWORD);
    const res = await c.get('/api/v1/admin/mail-outbox?pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 1 });
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ subject: 'outbox-two', status: 'held', toAddress: 'someone@example.test', sentAt: null });
    const second = await c.get('/api/v1/admin/mail-outbox?pageSize=1&page=2');
    expect(second.body.items[0].subject).toBe('outbox-one');
  });

  it('is refused to everyone else', async () => {
    const bureau = await createUser(env.db, { roles: ['bureau_admin', 'auditor'] });
    const c = await signIn(env.app, bureau.username, PASSWORD);
    const res = await c.get('/api/v1/admin/mail-outbox');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await new TestClient(env.app).get('/api/v1/admin/mail-outbox')).status).toBe(401);
  });

  it('refuses a bad page size with a field message', async () => {
    const admin = await createUser(env.db, { roles: ['sys_admin'] });
    const c = await signIn(env.app, admin.username, PASSWORD);
    const res = await c.get('/api/v1/admin/mail-outbox?pageSize=500');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('pageSize');
  });
});

describe('GET /api/v1/meta', () => {
  it('tells anyone the version, the district’s platform name and whether mail is sent', async () => {
    const res = await new TestClient(env.app).get('/api/v1/meta');
    expect(res.status).toBe(200);
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.body.districtName).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.districtNameEn).toMatch(/[A-Za-z]/);
    expect(res.body.smtpConfigured).toBe(false);
  });
});
