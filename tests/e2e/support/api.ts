import { creditCodeCheckChar } from '../../../shared/credit-code.js';
import { signInHttp } from './launch.js';

/** A unique suffix so journeys can run again against a kept database. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** A valid unified social credit code (GB 32100-2015) with a random body. */
export function makeCreditCode(): string {
  // 91 = enterprise registered with the market regulator; 620602 = Liangzhou District.
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91620602';
  while (body.length < 17) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + creditCodeCheckChar(body)!;
}

type Json = Record<string, unknown>;

/** A signed-in HTTP client for set-up steps the journey does not test through the UI. */
export async function apiAs(baseUrl: string, username: string, password: string) {
  const { cookie, csrf } = await signInHttp(baseUrl, username, password);
  const call = async (method: string, path: string, body?: Json): Promise<Json> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  return { post: (path: string, body?: Json) => call('POST', path, body), patch: (path: string, body: Json) => call('PATCH', path, body), get: (path: string) => call('GET', path) };
}

/** Registers an enterprise and its first administrator over the public API. */
export async function registerEnterprise(baseUrl: string, o: { orgName: string; username: string; password: string }): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisation: { type: 'enterprise', name: o.orgName, creditCode: makeCreditCode() },
      user: { username: o.username, displayName: o.username, email: `${o.username}@example.com`, password: o.password },
    }),
  });
  if (res.status !== 200) throw new Error(`Registration answered ${res.status}: ${await res.text()}`);
}
