import { useSyncExternalStore } from 'react';

/**
 * The current minute for everything on the page that shows "now" in
 * 北京时间 (the header clock, hints beside forms; decision 0028), from one
 * timer however many components read it. The value is the instant the
 * current minute began (epoch milliseconds; zone-free, shown with
 * `districtTime`/`districtClockText`). The timer fires at each minute's
 * turn by the browser's clock (re-aimed each time, so a late tick does not
 * drift), runs only while something is subscribed, and a tab coming back
 * to the foreground (where browsers slow timers down) is brought up to date
 * at once.
 */
const MINUTE = 60_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** The instant the current minute began. */
export const currentMinute = (): number => Math.floor(Date.now() / MINUTE) * MINUTE;

function notify(): void {
  for (const l of [...listeners]) l();
}

function tick(): void {
  notify();
  aim();
}

function aim(): void {
  timer = setTimeout(tick, MINUTE - (Date.now() % MINUTE));
}

function onVisible(): void {
  if (document.visibilityState === 'visible') notify();
}

/** Listen for the minute's turn; the first listener starts the timer, the last one to leave stops it. */
export function subscribeMinute(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    aim();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  }
  return () => {
    if (!listeners.delete(listener) || listeners.size > 0) return;
    clearTimeout(timer);
    timer = undefined;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
  };
}

/** The current minute (epoch ms), re-rendering the caller when it turns. */
export function useCurrentMinute(): number {
  return useSyncExternalStore(subscribeMinute, currentMinute, currentMinute);
}
