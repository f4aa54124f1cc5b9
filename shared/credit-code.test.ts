import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from './credit-code.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code (GB 32100)', () => {
  it('accepts a published valid code and lower-case input', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('charset');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
  });

  it('accepts every code whose last character is the computed check character', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }), (chars) => {
        const first = chars.join('');
        expect(creditCodeProblem(first + creditCodeCheckChar(first))).toBeNull();
      }),
    );
  });

  it('rejects any single-character change of a valid code', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...ALPHABET),
        (chars, pos, replacement) => {
          const first = chars.join('');
          const valid = first + creditCodeCheckChar(first);
          fc.pre(valid[pos] !== replacement);
          const changed = valid.slice(0, pos) + replacement + valid.slice(pos + 1);
          expect(creditCodeProblem(changed)).toBe('check');
        },
      ),
    );
  });
});
