import { describe, expect, it } from 'vitest';
import { likePattern } from './like.js';

describe('likePattern', () => {
  it('escapes LIKE wildcards and the escape character, and normalises', () => {
    expect(likePattern(' 50%_ｘ\\ ')).toBe('%50\\%\\_x\\\\%');
  });
});
