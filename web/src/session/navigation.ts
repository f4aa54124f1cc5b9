/**
 * Lets code outside React components (the API client's 401 hook, timers)
 * navigate with the data router, which exists only once main.tsx built it.
 */
type Navigate = (to: string, opts?: { replace?: boolean }) => void;
let navigate: Navigate = (to) => window.location.assign(to);

export function setNavigator(fn: Navigate): void {
  navigate = fn;
}

export function go(to: string, opts?: { replace?: boolean }): void {
  navigate(to, opts);
}

/** Only same-site paths are honoured as `next`, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: string | null | undefined, fallback = '/console'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export function loginUrl(reason?: 'expired' | 'idle'): string {
  const here = window.location.pathname + window.location.search;
  const params = new URLSearchParams();
  if (!here.startsWith('/login')) params.set('next', here);
  if (reason) params.set('reason', reason);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}
