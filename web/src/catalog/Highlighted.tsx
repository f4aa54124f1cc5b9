import type { ReactNode } from 'react';

/**
 * Text with the matched [start, end) ranges wrapped in <mark>. React escapes
 * every piece, so a listing's text can never inject markup.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: ReactNode[] = [];
  let at = 0;
  sorted.forEach(([s, e], i) => {
    const start = Math.max(s, at);
    const end = Math.min(e, text.length);
    if (start >= end) return;
    if (start > at) out.push(text.slice(at, start));
    out.push(<mark key={i}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
