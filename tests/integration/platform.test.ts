import { describe, expect, it } from 'vitest';
import { setupTestEnv } from '../support/harness.js';
import { TestClient } from '../support/client.js';

const env = await setupTestEnv();
const c = new TestClient(env.app);

describe('platform', () => {
  it('answers liveness and readiness', async () => {
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await c.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1 description generated from the contracts', async () => {
    const res = await c.get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/login');
    expect(res.body.paths['/api/v1/auth/login'].post.requestBody).toBeTruthy();
  });

  it('sends security headers with a strict script policy', async () => {
    const res = await c.get('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers unknown API paths with a JSON error carrying the request id', async () => {
    const res = await c.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with a 400 and no internals', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack|SELECT|node_modules/i);
  });

  it('gives field-level validation messages in the caller’s language', async () => {
    const zh = await c.post('/api/v1/auth/login', { username: 'x' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'password', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    const en = await c.post('/api/v1/auth/login', { username: 'x' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body.error.message).toMatch(/invalid/i);
    expect(en.body.error.fields[0].message).toMatch(/expected string/i);
  });
});
