import { describe, expect, it } from 'vitest';
import { aggregateScore, rankByScore } from './aggregate.js';

describe('score aggregation', () => {
  it('is the plain mean below five scores', () => {
    expect(aggregateScore([80, 90, 70])).toBe(80);
    expect(aggregateScore([81, 82, 84, 100])).toBe(86.75);
    expect(aggregateScore([])).toBeNull();
  });
  it('drops one highest and one lowest with five or more', () => {
    expect(aggregateScore([10, 80, 82, 84, 100])).toBe(82);
    expect(aggregateScore([90, 90, 90, 90, 0, 100])).toBe(90);
  });
  it('ranks highest first, ties share a rank, unscored last', () => {
    const r = rankByScore([{ id: 'a', score: 80 }, { id: 'b', score: 90 }, { id: 'c', score: null }, { id: 'd', score: 80 }, { id: 'e', score: 70 }]);
    expect(r.map((x) => [x.id, x.rank])).toEqual([['b', 1], ['a', 2], ['d', 2], ['e', 4], ['c', null]]);
  });
});
