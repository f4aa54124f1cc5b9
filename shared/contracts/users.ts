import { z } from 'zod';
import { ROLES } from '../roles.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';
import { Email, OrgSummary, Username } from './identity.js';

/** An account as the system administrator manages it. */
export const UserView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'disabled']),
  organisation: OrgSummary.nullable(),
  lockedUntil: IsoDateTime.nullable(),
  lastLoginAt: IsoDateTime.nullable(),
  totpEnabled: z.boolean(),
  createdAt: IsoDateTime,
  actions: z.array(z.string()),
});

export const listUsers = endpoint({
  method: 'GET',
  path: '/api/v1/users',
  summary: 'All accounts (system administrator)',
  tags: ['users'],
  query: PageQuery.extend({
    q: z.string().trim().max(100).optional(),
    role: z.enum(ROLES).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    organisationId: Id.optional(),
  }),
  response: pageOf(UserView),
});

export const createUser = endpoint({
  method: 'POST',
  path: '/api/v1/users',
  summary: 'Create an account; returns a one-time password to hand over',
  tags: ['users'],
  body: z.object({
    username: Username,
    displayName: z.string().trim().min(1).max(60),
    email: Email.optional(),
    organisationId: Id.optional(),
    roles: z.array(z.enum(ROLES).exclude(['visitor'])).min(1),
  }),
  response: z.object({ user: UserView, oneTimePassword: z.string() }),
});

export const updateUser = endpoint({
  method: 'PATCH',
  path: '/api/v1/users/:id',
  summary: 'Change an account’s roles, status or organisation',
  tags: ['users'],
  params: IdParams,
  body: z
    .object({
      displayName: z.string().trim().min(1).max(60),
      email: Email.nullable(),
      organisationId: Id.nullable(),
      roles: z.array(z.enum(ROLES).exclude(['visitor'])).min(1),
      status: z.enum(['active', 'disabled']),
    })
    .partial(),
  response: UserView,
});

export const resetUserPassword = endpoint({
  method: 'POST',
  path: '/api/v1/users/:id/password-reset',
  summary: 'Issue a one-time password; the user must change it at next sign-in',
  tags: ['users'],
  params: IdParams,
  response: z.object({ oneTimePassword: z.string() }),
});

export const unlockUser = endpoint({
  method: 'POST',
  path: '/api/v1/users/:id/unlock',
  summary: 'Lift a sign-in lockout',
  tags: ['users'],
  params: IdParams,
  response: UserView,
});

export { Username };
