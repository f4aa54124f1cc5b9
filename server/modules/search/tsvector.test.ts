import { describe, expect, it } from 'vitest';
import { quoteLexeme, tsvectorText } from './tsvector.js';

describe('tsvectorText', () => {
  it('numbers positions through the weights A to D', () => {
    expect(tsvectorText({ A: ['甜高粱', '技术'], C: ['甜高粱'] })).toBe("'甜高粱':1A,3C '技术':2A");
  });

  it('skips anything that is not a lexeme', () => {
    expect(tsvectorText({ A: ["it's", '', 'ok'] })).toBe("'ok':1A");
  });

  it('keeps at most 256 positions per lexeme', () => {
    const text = tsvectorText({ B: Array.from({ length: 300 }, () => '滴灌') });
    expect(text.split(',')).toHaveLength(256);
  });
});

describe('quoteLexeme', () => {
  it('escapes quotes and backslashes', () => {
    expect(quoteLexeme("a'b\\c")).toBe("'a''b\\\\c'");
  });
});
