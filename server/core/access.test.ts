import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor, allowedActions, can, definePolicy } from './access.js';

definePolicy('widget', {
  visitor: ['read:widget:any'],
  researcher: ['update:widget:own'],
  org_admin: ['update:widget:org', 'delete:widget:org'],
  bureau_admin: ['update:widget:any'],
});

const user = (roles: Actor['roles'], userId = 'u1', organisationId = 'o1'): Actor => ({
  ...ANONYMOUS,
  userId,
  organisationId,
  roles,
  via: 'session',
});

describe('access control', () => {
  it('denies what no policy grants', () => {
    expect(can(user(['researcher']), 'delete', 'widget', { ownerId: 'u1' })).toBe(false);
    expect(can(ANONYMOUS, 'update', 'widget')).toBe(false);
  });
  it('lets signed-in users do what visitors can', () => {
    expect(can(ANONYMOUS, 'read', 'widget')).toBe(true);
    expect(can(user(['researcher']), 'read', 'widget', { ownerId: 'x', organisationId: 'y' })).toBe(true);
  });
  it('applies own, org and any scopes to the object', () => {
    expect(can(user(['researcher']), 'update', 'widget', { ownerId: 'u1' })).toBe(true);
    expect(can(user(['researcher']), 'update', 'widget', { ownerId: 'u2', organisationId: 'o1' })).toBe(false);
    expect(can(user(['org_admin']), 'update', 'widget', { ownerId: 'u2', organisationId: 'o1' })).toBe(true);
    expect(can(user(['org_admin']), 'update', 'widget', { ownerId: 'u2', organisationId: 'o2' })).toBe(false);
    expect(can(user(['bureau_admin']), 'update', 'widget', { organisationId: 'o9' })).toBe(true);
  });
  it('lists the allowed actions for an object', () => {
    expect(allowedActions(user(['org_admin']), 'widget', { organisationId: 'o1' }, ['read', 'update', 'delete'])).toEqual([
      'read',
      'update',
      'delete',
    ]);
    expect(allowedActions(user(['researcher']), 'widget', { ownerId: 'u2', organisationId: 'o1' }, ['read', 'update'])).toEqual(['read']);
  });
  it('refuses a policy that declares permissions of another entity', () => {
    expect(() => definePolicy('gadget', { researcher: ['read:widget:any'] })).toThrow();
  });
});
