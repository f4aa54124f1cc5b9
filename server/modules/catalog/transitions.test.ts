import { describe, expect, it } from 'vitest';
import { LISTING_STATUSES, REVISION_STATUSES } from '../../../shared/contracts/catalog.js';
import { AppError } from '../../core/errors.js';
import { findTransition, LISTING_TRANSITIONS, type ListingAction, type PendingStatus, transition } from './transitions.js';

const ACTIONS: ListingAction[] = ['save_draft', 'submit', 'approve', 'return', 'withdraw', 'close', 'expire', 'discard_draft'];
const PENDING: PendingStatus[] = [null, ...REVISION_STATUSES];

describe('listing transition table', () => {
  it('is deterministic: at most one row for any kind, action and state', () => {
    for (const kind of ['achievement', 'demand'] as const)
      for (const action of ACTIONS)
        for (const status of LISTING_STATUSES)
          for (const pending of PENDING) {
            const rows = LISTING_TRANSITIONS.filter(
              (r) => r.action === action && (!r.kinds || r.kinds.includes(kind)) && r.from.includes(status) && r.pending.includes(pending),
            );
            expect(rows.length, `${kind} ${action} ${status}/${pending}`).toBeLessThanOrEqual(1);
          }
  });

  it('never lets a pending revision be approved or superseded (those are not working states)', () => {
    for (const row of LISTING_TRANSITIONS) {
      expect(row.pending).not.toContain('approved');
      expect(row.pending).not.toContain('superseded');
    }
  });

  it('follows the life of a listing', () => {
    expect(transition('achievement', 'submit', 'draft', 'draft')).toEqual({ status: 'submitted', pending: 'submitted' });
    expect(transition('achievement', 'return', 'submitted', 'submitted')).toEqual({ status: 'returned', pending: 'returned' });
    expect(transition('achievement', 'save_draft', 'returned', 'returned')).toEqual({ status: 'draft', pending: 'draft' });
    expect(transition('achievement', 'approve', 'submitted', 'submitted')).toEqual({ status: 'published', pending: null });
    expect(transition('achievement', 'save_draft', 'published', null)).toEqual({ status: 'published', pending: 'draft' });
    expect(transition('achievement', 'return', 'published', 'submitted')).toEqual({ status: 'published', pending: 'returned' });
    expect(transition('achievement', 'withdraw', 'published', 'submitted')).toEqual({ status: 'withdrawn', pending: 'draft' });
    expect(transition('demand', 'expire', 'published', null)).toEqual({ status: 'expired', pending: null });
    expect(transition('demand', 'close', 'published', 'returned')).toEqual({ status: 'closed', pending: 'returned' });
  });

  it('refuses what the workflow does not allow with INVALID_STATE', () => {
    const refused: [ListingAction, string, PendingStatus, 'achievement' | 'demand'][] = [
      ['save_draft', 'submitted', 'submitted', 'achievement'],
      ['save_draft', 'published', 'submitted', 'achievement'],
      ['save_draft', 'closed', null, 'demand'],
      ['submit', 'returned', 'returned', 'achievement'],
      ['approve', 'draft', 'draft', 'achievement'],
      ['approve', 'closed', 'submitted', 'demand'],
      ['withdraw', 'draft', 'draft', 'achievement'],
      ['close', 'published', null, 'achievement'],
      ['expire', 'published', null, 'achievement'],
      ['expire', 'draft', 'draft', 'demand'],
      ['discard_draft', 'submitted', 'submitted', 'achievement'],
      ['discard_draft', 'published', null, 'achievement'],
    ];
    for (const [action, status, pending, kind] of refused) {
      expect(findTransition(kind, action, status, pending), `${action} ${status}/${pending}`).toBeNull();
      expect(() => transition(kind, action, status, pending)).toThrow(AppError);
    }
  });
});
