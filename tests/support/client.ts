import type { App } from '../../server/http/route.js';

type Res = { status: number; body: any; headers: Record<string, unknown> };

/**
 * An HTTP client over app.inject that keeps the session cookie and sends the
 * CSRF token on writes, as the web app does.
 */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  headers: Record<string, string> = {};

  /**
   * Each client comes from its own loopback address, so per-address rate
   * limits (sign-in, registration) apply per client as they would per browser.
   */
  constructor(
    readonly app: App,
    readonly remoteAddress = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
  ) {}

  async request(method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<Res> {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in extra)) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress: this.remoteAddress,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      if (!/cg_session=/.test(c)) continue;
      const pair = c.split(';')[0]!;
      this.cookie = /=$/.test(pair) || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) ? null : pair;
    }
    let parsed: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json')) parsed = res.json();
    const b = parsed as { csrfToken?: string | null };
    if (b && typeof b === 'object' && 'csrfToken' in b) this.csrf = b.csrfToken ?? null;
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get(url: string, extra?: Record<string, string>) {
    return this.request('GET', url, undefined, extra);
  }
  post(url: string, body?: unknown, extra?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, extra);
  }
  patch(url: string, body: unknown, extra?: Record<string, string>) {
    return this.request('PATCH', url, body, extra);
  }
  put(url: string, body: unknown, extra?: Record<string, string>) {
    return this.request('PUT', url, body, extra);
  }
  delete(url: string, extra?: Record<string, string>) {
    return this.request('DELETE', url, undefined, extra);
  }
}

/** A client signed in as the given user (fails the test if sign-in fails). */
export async function signIn(app: App, username: string, password: string): Promise<TestClient> {
  const c = new TestClient(app);
  const res = await c.post('/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`sign-in failed for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}
