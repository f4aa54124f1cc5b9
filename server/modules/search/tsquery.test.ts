import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, tsqueryText } from './tsquery.js';

describe('tsqueryText', () => {
  const terms = [
    { term: '医用重离子加速器', parts: ['医用', '重离子', '加速器'] },
    { term: 'lora', parts: [] },
  ];

  it('ANDs terms, each matching whole or by all of its parts', () => {
    expect(tsqueryText(terms, 'and')).toBe("('医用重离子加速器' | ('医用' & '重离子' & '加速器')) & 'lora'");
  });

  it('ORs every term and part for the fallback', () => {
    expect(tsqueryText(terms, 'or')).toBe("'医用重离子加速器' | '医用' | '重离子' | '加速器' | 'lora'");
  });

  it('returns null when nothing searchable is left', () => {
    expect(tsqueryText([], 'and')).toBeNull();
    expect(tsqueryText(["'", '&|!', ''], 'or')).toBeNull();
  });

  it('cleans raw strings instead of trusting them', () => {
    expect(tsqueryText(["a'b", 'node.js', 'x:*'], 'and')).toBe("'a' & 'b' & 'node' & 'js' & 'x'");
  });

  it('caps the number of terms', () => {
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`);
    expect(tsqueryText(many, 'and')!.split(' & ')).toHaveLength(MAX_QUERY_TERMS);
  });
});
