/**
 * The console menu marks the entry of the page the user is on
 * (`web/src/pages/console/menu.tsx` activeKey): the longest entry path the
 * page is at or under, so a page whose path extends another entry's
 * (/console/funding/experts, /console/trading-desk) is not shown as that one.
 */
import { describe, expect, it } from 'vitest';

/** Web files the server's type check cannot follow (TSX), loaded by vitest at run time. */
const web = async <T>(path: string): Promise<T> => (await import(/* @vite-ignore */ new URL(`../../web/src/${path}`, import.meta.url).pathname)) as T;
const { activeKey, CONSOLE_MENU } = await web<{ activeKey: (p: string) => string; CONSOLE_MENU: { key: string; path: string }[] }>('pages/console/menu.tsx');

describe('console menu: the active entry', () => {
  it('is the entry whose path is the longest the page is at or under', () => {
    expect(activeKey('/console/funding/experts')).toBe('funding-experts');
    expect(activeKey('/console/funding')).toBe('funding');
    expect(activeKey('/console/funding/calls/42')).toBe('funding');
    expect(activeKey('/console/trading-desk')).toBe('trading-desk');
    expect(activeKey('/console/trading')).toBe('trading');
  });

  it('is overview for the console home and for a page under no entry', () => {
    expect(activeKey('/console')).toBe('overview');
    expect(activeKey('/console/no-such-page')).toBe('overview');
  });

  it('is each entry itself on its own page, for every entry', () => {
    for (const e of CONSOLE_MENU) if (e.path !== '/console') expect(activeKey(e.path)).toBe(e.key);
  });
});
