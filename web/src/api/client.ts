import type { Endpoint, BodyOf, ParamsOf, QueryOf, ResponseOf } from '@shared/contracts/endpoint.js';
import { SessionView } from '@shared/contracts/identity.js';
import type { ErrorBody, FieldError } from '@shared/errors.js';

/** One failed API call, as the server described it. `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type CallOptions<E> = {
  params?: ParamsOf<E>;
  query?: QueryOf<E>;
  body?: BodyOf<E>;
  /** Background polls must not count as user activity for the idle timer. */
  background?: boolean;
};

// The CSRF token and signed-in flag live outside React so that every call can
// read them without threading context through hooks; the session provider and
// every SessionView response keep them current.
let csrfToken: string | null = null;
let signedIn = false;
let lastActivity = Date.now();
let language = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function noteSession(s: SessionView): void {
  csrfToken = s.csrfToken;
  signedIn = s.user !== null;
}
/** Forget the session client-side (idle expiry, 401) without a request. */
export function forgetSession(): void {
  csrfToken = null;
  signedIn = false;
}
export function onUnauthorized(fn: () => void): void {
  unauthorizedHandler = fn;
}
export function setRequestLanguage(lang: string): void {
  language = lang;
}
export function lastActivityAt(): number {
  return lastActivity;
}

function buildUrl(path: string, params?: unknown, query?: unknown): string {
  const p = (params ?? {}) as Record<string, unknown>;
  const filled = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const v = p[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    for (const item of Array.isArray(v) ? v : [v]) qs.append(k, String(item));
  }
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}

async function send(e: Endpoint, opts: CallOptions<Endpoint>): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (e.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (!opts.background) lastActivity = Date.now();
  // Tells the server this request is not user activity, so it does not extend the idle timeout.
  else headers['X-Background-Request'] = '1';
  let res: Response;
  try {
    res = await fetch(buildUrl(e.path, opts.params, opts.query), {
      method: e.method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'UNAVAILABLE', language === 'en' ? 'The server cannot be reached.' : '无法连接服务器。', null);
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  let parsed: Partial<ErrorBody> | null = null;
  try {
    parsed = (await res.json()) as Partial<ErrorBody>;
  } catch {
    parsed = null;
  }
  const err = parsed?.error;
  const apiError = err
    ? new ApiError(res.status, err.code, err.message, err.requestId ?? null, err.fields ?? [])
    : new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', `HTTP ${res.status}`, res.headers.get('x-request-id'));
  if (res.status === 401 && signedIn && (apiError.code === 'SESSION_EXPIRED' || apiError.code === 'UNAUTHENTICATED')) {
    signedIn = false;
    csrfToken = null;
    unauthorizedHandler?.();
  }
  return apiError;
}

/** Call an endpoint declared in shared/contracts and get its parsed response. */
export async function api<E extends Endpoint>(e: E, opts: CallOptions<E> = {}): Promise<ResponseOf<E>> {
  const res = await send(e, opts as CallOptions<Endpoint>);
  const json: unknown = res.status === 204 ? { ok: true } : await res.json();
  const data = e.response.parse(json) as ResponseOf<E>;
  if (e.response === SessionView) noteSession(data as SessionView);
  return data;
}

/** Fetch a download endpoint and hand the file to the browser (`params` fill the path, e.g. `:id`). */
export async function download<E extends Endpoint>(e: E, query?: QueryOf<E>, fallbackName = 'download', params?: ParamsOf<E>): Promise<void> {
  const res = await send(e, { query, params } as CallOptions<Endpoint>);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Upload one file to the files endpoint as multipart (field `purpose`, then
 * `file`), reporting progress. XHR rather than fetch: fetch has no upload progress.
 */
export function uploadMultipart<E extends Endpoint>(
  e: E,
  fields: Record<string, string>,
  file: Blob & { name?: string },
  onProgress?: (percent: number) => void,
): Promise<ResponseOf<E>> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Field order matters: the server reads the purpose before the file stream.
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name ?? 'upload');
    const xhr = new XMLHttpRequest();
    xhr.open(e.method, e.path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    lastActivity = Date.now();
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'UNAVAILABLE', language === 'en' ? 'The server cannot be reached.' : '无法连接服务器。', null));
    xhr.onload = () => {
      const headers = new Headers();
      const requestId = xhr.getResponseHeader('x-request-id');
      if (requestId) headers.set('x-request-id', requestId);
      const res = new Response(xhr.responseText || null, { status: xhr.status, headers });
      if (xhr.status < 200 || xhr.status >= 300) {
        void toApiError(res).then(reject);
        return;
      }
      try {
        resolve(e.response.parse(JSON.parse(xhr.responseText)) as ResponseOf<E>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    xhr.send(form);
  });
}
