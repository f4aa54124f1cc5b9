import { describe, expect, it } from 'vitest';
import { cleanSegment, foldPlural, isLexeme, MAX_TOKEN_LENGTH, normalise } from './normalise.js';

describe('normalise', () => {
  it('turns full-width letters and digits into lower-case half-width', () => {
    expect(normalise('ＬｏＲａ　１２３')).toBe('lora 123');
  });

  it('keeps Chinese text as it is', () => {
    expect(normalise('医用重离子加速器')).toBe('医用重离子加速器');
  });
});

describe('cleanSegment', () => {
  it('maps language names whose punctuation is the meaning', () => {
    expect(cleanSegment('c++')).toEqual(['cpp']);
    expect(cleanSegment('c#')).toEqual(['csharp']);
  });

  it('splits on characters PostgreSQL would split on and drops punctuation', () => {
    expect(cleanSegment('iphone-12')).toEqual(['iphone', '12']);
    expect(cleanSegment('20mg/l')).toEqual(['20mg', 'l']);
    expect(cleanSegment('，')).toEqual([]);
    expect(cleanSegment("'\\:&|!()")).toEqual([]);
  });

  it('drops over-long pieces', () => {
    expect(cleanSegment('a'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual([]);
  });
});

describe('foldPlural', () => {
  it('folds regular English plurals and leaves short words and -ss/-us/-is alone', () => {
    expect(['sensors', 'batteries', 'leds', 'gps', 'gas', 'process', 'status', 'analysis'].map(foldPlural)).toEqual([
      'sensor',
      'battery',
      'led',
      'gps',
      'gas',
      'process',
      'status',
      'analysis',
    ]);
  });

  it('leaves Chinese and alphanumeric tokens alone', () => {
    expect(foldPlural('5kgs')).toBe('5kgs');
    expect(foldPlural('滴灌')).toBe('滴灌');
  });
});

describe('isLexeme', () => {
  it('accepts letters and digits of any script only', () => {
    expect(isLexeme('重离子')).toBe(true);
    expect(isLexeme('lora2')).toBe(true);
    expect(isLexeme('α')).toBe(true);
    expect(isLexeme('node.js')).toBe(false);
    expect(isLexeme("a'b")).toBe(false);
    expect(isLexeme('')).toBe(false);
  });
});
