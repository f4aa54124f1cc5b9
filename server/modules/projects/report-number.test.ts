import { describe, expect, it } from 'vitest';
import { checkReportNumber, normaliseReportNumber } from './report-number.js';

describe('科技报告编号 (GB/T 15416)', () => {
  it.each([
    ['LZKJ--2026/015', 'standard'],
    ['LZKJ/NY--2026/015', 'standard'],
    ['WWSKJ-JH--2026-0007--CN', 'standard'],
    ['GSKJT--2025/3+ZQ', 'standard'],
    ['MA01ABCD3-LZ2026KJ012/01', 'project'],
    ['000000000-2026YFD1900103/02', 'project'],
    ['91620602MA01ABCD3X--LZKJ-2026-012/01', 'project'],
    ['GS-2026-000123', 'year'],
    ['LZKJJ-2026/17', 'year'],
  ] as const)('accepts %s as %s', (raw, form) => {
    expect(checkReportNumber(raw)).toEqual({ ok: true, normalised: raw, form });
  });

  it('normalises full-width characters, lower case, spaces and Chinese dashes before checking', () => {
    expect(normaliseReportNumber(' ｇｓ－２０２６—000123 ')).toBe('GS-2026-000123');
    expect(normaliseReportNumber('lzkj一一2026/015')).toBe('LZKJ--2026/015');
    expect(normaliseReportNumber('ISRN LZKJ--2026/015')).toBe('LZKJ--2026/015');
    expect(checkReportNumber('ma01abcd3 - lz2026kj012 / 01')).toMatchObject({ ok: true, normalised: 'MA01ABCD3-LZ2026KJ012/01' });
  });

  it.each([
    [''],
    ['报告2026-001'],
    ['2026'],
    ['GS2026000123'],
    ['GS-2026'],
    ['G-2026-1'],
    ['GS-1899-000123'],
    ['A--2026/1'],
    ['ABCDEFGHIJKLMNOPQ--2026/1'],
    ['LZKJ--2026/015--CHN'],
    ['MA01ABCD3-LZKJ/01'],
    ['MA01ABCD3-LZ2026KJ012/00001'],
    [`LZKJ--${'1'.repeat(40)}`],
  ])('refuses %j with a message in both languages', (raw) => {
    const r = checkReportNumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en.length).toBeGreaterThan(5);
    }
  });
});
