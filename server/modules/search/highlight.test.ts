import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snippet } from './highlight.js';

const marked = (s: { text: string; highlights: [number, number][] }) =>
  s.highlights.reduceRight((t, [a, b]) => `${t.slice(0, a)}[${t.slice(a, b)}]${t.slice(b)}`, s.text);

describe('snippet', () => {
  it('returns offsets of the matches in a short text', () => {
    const s = snippet('基于LoRa的滴灌控制系统', ['lora', '滴灌']);
    expect(marked(s)).toBe('基于[LoRa]的[滴灌]控制系统');
    expect(s).toMatchObject({ truncatedStart: false, truncatedEnd: false });
  });

  it('merges overlapping matches into one highlight', () => {
    const s = snippet('医用重离子加速器', ['医用重离子加速器', '重离子', '加速器']);
    expect(s.highlights).toEqual([[0, 8]]);
  });

  it('picks the window with the most distinct query words', () => {
    const filler = '这是一段与查询无关的说明文字，'.repeat(10);
    const text = `${filler}甜高粱可以生产燃料乙醇。${filler}只提到甜高粱。`;
    const s = snippet(text, ['甜高粱', '燃料乙醇'], { length: 40 });
    expect(marked(s)).toContain('[甜高粱]可以生产[燃料乙醇]');
    expect(s.text.length).toBeLessThanOrEqual(40);
    expect(s.truncatedStart && s.truncatedEnd).toBe(true);
  });

  it('maps matches back through full-width characters', () => {
    const s = snippet('采用ＬｏＲａ网关', ['lora']);
    expect(marked(s)).toBe('采用[ＬｏＲａ]网关');
  });

  it('does not light up Latin tokens inside other words', () => {
    expect(snippet('filed LED lamps', ['led']).highlights).toEqual([[6, 9]]);
    expect(snippet('canal c language', ['c']).highlights).toEqual([[6, 7]]);
  });

  it('returns the start of the text when nothing matches, never splitting an emoji', () => {
    const s = snippet(`${'好'.repeat(9)}😀尾`, ['无'], { length: 10 });
    expect(s.highlights).toEqual([]);
    expect(s.text).toBe('好'.repeat(9));
    expect(s.truncatedEnd).toBe(true);
  });
});

describe('snippet on any input', () => {
  it('returns a slice of the text with sorted, disjoint highlights inside it', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    const tokens = fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('甜高粱', 'lora', 'a', 'ß')), { maxLength: 5 });
    fc.assert(
      fc.property(text, tokens, fc.integer({ min: 0, max: 200 }), (t, toks, length) => {
        const s = snippet(t, toks, { length });
        expect(t.includes(s.text)).toBe(true);
        let last = 0;
        for (const [a, b] of s.highlights) {
          expect(a).toBeGreaterThanOrEqual(last);
          expect(b).toBeGreaterThan(a);
          expect(b).toBeLessThanOrEqual(s.text.length);
          last = b;
        }
      }),
      { numRuns: 500 },
    );
  });
});
