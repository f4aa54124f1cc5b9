import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it('accepts 8+ characters with three classes', () => {
    expect(passwordProblems('Abcdefg1')).toEqual([]);
    expect(passwordProblems('abcdef1!')).toEqual([]);
  });
  it('refuses short, simple, common and username-containing passwords', () => {
    expect(passwordProblems('Ab1!')).toContain('too_short');
    expect(passwordProblems('abcdefgh1')).toContain('too_simple');
    expect(passwordProblems('P@ssw0rd')).toContain('common');
    expect(passwordProblems('Zhang-san-2026', 'zhang-san')).toContain('contains_username');
  });
});
