/**
 * The action names the server lists in each object's `actions`. Kept in one
 * place so a renamed action on the server is one edit here.
 */
export const ORG_ACTIONS = { update: 'update', verify: 'verify', invite: 'invite', readMembers: 'read_members' } as const;
export const MEMBER_ACTIONS = { remove: 'remove' } as const;
export const USER_ACTIONS = { update: 'update', resetPassword: 'reset_password', unlock: 'unlock', disable: 'disable' } as const;

export function allows(obj: { actions: readonly string[] } | null | undefined, action: string): boolean {
  return !!obj && obj.actions.includes(action);
}
