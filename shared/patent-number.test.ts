import { describe, expect, it } from 'vitest';
import { parsePatentNumber, patentCheckChar, patentNumberProblem } from './patent-number.js';

/* Numbers constructed for this test; each check character is worked by hand beside it. */
describe('patent check character', () => {
  it.each([
    // 2,0,1,7,1,0,1,2,3,4,5,6 × 2,3,4,5,6,7,8,9,2,3,4,5 = 4+0+4+35+6+0+8+18+6+12+20+30 = 143 = 13·11 → 0
    ['201710123456', '0'],
    // 2,0,1,7,1,0,1,2,3,4,5,8 → 143 − 30 + 40 = 153 = 13·11 + 10 → X
    ['201710123458', 'X'],
    // 2,0,0,4,1,0,0,1,8,4,7,7 → 4+0+0+20+6+0+0+9+16+12+28+35 = 130 = 11·11 + 9 → 9
    ['200410018477', '9'],
    // 2,0,1,9,2,0,0,0,0,0,1,8 → 4+0+4+45+12+0+0+0+0+0+4+40 = 109 = 9·11 + 10 → X
    ['201920000018', 'X'],
    // 2,0,2,3,2,0,0,0,1,2,3,4 → 4+0+8+15+12+0+0+0+2+6+12+20 = 79 = 7·11 + 2 → 2
    ['202320001234', '2'],
  ])('%s → %s', (digits, check) => {
    expect(patentCheckChar(digits)).toBe(check);
  });

  it('is null for anything but 12 digits', () => {
    expect(patentCheckChar('20171012345')).toBeNull();
    expect(patentCheckChar('20171012345A')).toBeNull();
  });
});

describe('parsing a patent number', () => {
  it.each([
    ['ZL201710123456.0', 'ZL201710123456.0'],
    ['zl 2017 1 0123458.x', 'ZL201710123458.X'],
    ['CN200410018477.9', 'ZL200410018477.9'],
    ['CN2019200000 18X', 'ZL201920000018.X'],
    ['ZL202320001234．2', 'ZL202320001234.2'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(parsePatentNumber(input)).toEqual({ ok: true, normalised });
  });

  it.each([
    ['201710123456.0', 'format'],
    ['ZL20171012345.0', 'format'],
    ['ZL201710123456', 'format'],
    ['US201710123456.0', 'format'],
    ['ZL199810123456.0', 'year'],
    ['ZL201740123456.0', 'kind'],
    ['ZL201710123456.X', 'check'],
    ['ZL201710123458.0', 'check'],
  ])('refuses %s (%s)', (input, reason) => {
    const r = parsePatentNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('says which check character the digits give', () => {
    const r = parsePatentNumber('ZL201710123456.X');
    expect(r).toEqual({ ok: false, reason: 'check', expected: '0' });
    if (!r.ok) expect(patentNumberProblem(r).zh).toContain('应为 0');
  });

  it('refuses a filing year after the given one', () => {
    expect(parsePatentNumber('ZL203010000001.0', { maxYear: 2026 })).toMatchObject({ ok: false, reason: 'year' });
  });
});
