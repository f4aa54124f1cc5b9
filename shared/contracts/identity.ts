import { z } from 'zod';
import { LOCALES, ORG_TYPES, ROLES } from '../roles.js';
import { endpoint, Id, IdParams, IsoDateTime, Ok } from './endpoint.js';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: '3–32 letters, digits, dot, dash or underscore' });
export const Password = z.string().min(1).max(128);
export const Email = z.email().max(254);
export const Phone = z.string().trim().regex(/^\+?[0-9-]{6,20}$/);

export const OrgSummary = z.object({
  id: Id,
  name: z.string(),
  type: z.enum(ORG_TYPES),
  verificationStatus: z.string(),
});

/** The signed-in user as they see themselves. */
export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.enum(LOCALES),
  roles: z.array(z.enum(ROLES)),
  organisation: OrgSummary.nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** Staff may enrol TOTP two-factor login. */
  canEnrolTotp: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const SessionView = z.object({
  user: Me.nullable(),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string().nullable(),
  /** `action:entity:scope` permissions held, for menus; object checks come with each object. */
  permissions: z.array(z.string()),
  /** Seconds of inactivity before the session ends. */
  idleTimeoutSeconds: z.number().int().nullable(),
  mfaPending: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const getSession = endpoint({
  method: 'GET',
  path: '/api/v1/session',
  summary: 'The current session, user and CSRF token',
  tags: ['identity'],
  response: SessionView,
});

export const login = endpoint({
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in with username (or e-mail) and password',
  tags: ['identity'],
  body: z.object({ username: z.string().trim().min(1).max(254), password: Password }),
  response: SessionView,
});

export const verifyTotp = endpoint({
  method: 'POST',
  path: '/api/v1/auth/totp/verify',
  summary: 'Give the second factor after a password sign-in',
  tags: ['identity'],
  body: z.object({ code: z.string().regex(/^\d{6}$/) }),
  response: SessionView,
});

export const logout = endpoint({
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'Sign out',
  tags: ['identity'],
  response: Ok,
});

export const changePassword = endpoint({
  method: 'POST',
  path: '/api/v1/auth/password',
  summary: 'Change own password',
  tags: ['identity'],
  body: z.object({ currentPassword: Password, newPassword: Password }),
  response: SessionView,
});

export const requestPasswordReset = endpoint({
  method: 'POST',
  path: '/api/v1/auth/password-reset/request',
  summary: 'E-mail a password reset link (always answers ok)',
  tags: ['identity'],
  body: z.object({ email: Email }),
  response: Ok,
});

export const confirmPasswordReset = endpoint({
  method: 'POST',
  path: '/api/v1/auth/password-reset/confirm',
  summary: 'Set a new password with a reset token',
  tags: ['identity'],
  body: z.object({ token: z.string().min(20).max(200), newPassword: Password }),
  response: Ok,
});

export const enrolTotp = endpoint({
  method: 'POST',
  path: '/api/v1/auth/totp/enrol',
  summary: 'Start TOTP enrolment (staff roles)',
  tags: ['identity'],
  response: z.object({ secret: z.string(), otpauthUrl: z.string() }),
});

export const confirmTotp = endpoint({
  method: 'POST',
  path: '/api/v1/auth/totp/confirm',
  summary: 'Finish TOTP enrolment with a first code',
  tags: ['identity'],
  body: z.object({ code: z.string().regex(/^\d{6}$/) }),
  response: SessionView,
});

export const disableTotp = endpoint({
  method: 'POST',
  path: '/api/v1/auth/totp/disable',
  summary: 'Turn off TOTP (needs a current code and the password, counted toward the sign-in lockout)',
  tags: ['identity'],
  body: z.object({ code: z.string().regex(/^\d{6}$/), password: z.string().min(1).max(200) }),
  response: SessionView,
});

export const updateMe = endpoint({
  method: 'PATCH',
  path: '/api/v1/me',
  summary: 'Update own profile and language',
  tags: ['identity'],
  body: z
    .object({
      displayName: z.string().trim().min(1).max(60),
      email: Email.nullable(),
      phone: Phone.nullable(),
      locale: z.enum(LOCALES),
      /** Required when `email` changes to another address (it is how the password is reset). */
      currentPassword: z.string().min(1).max(200),
    })
    .partial(),
  response: SessionView,
});

export const ApiTokenView = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
});

export const listApiTokens = endpoint({
  method: 'GET',
  path: '/api/v1/me/tokens',
  summary: 'Own API tokens for machine clients',
  tags: ['identity'],
  response: z.object({ items: z.array(ApiTokenView) }),
});

export const createApiToken = endpoint({
  method: 'POST',
  path: '/api/v1/me/tokens',
  summary: 'Create an API token; its secret is shown once. The owner re-enters their password (counted toward the sign-in lockout)',
  tags: ['identity'],
  body: z.object({ name: z.string().trim().min(1).max(60), expiresInDays: z.number().int().min(1).max(730).optional(), password: z.string().min(1).max(200) }),
  response: z.object({ token: ApiTokenView, secret: z.string() }),
});

export const revokeApiToken = endpoint({
  method: 'DELETE',
  path: '/api/v1/me/tokens/:id',
  summary: 'Revoke an API token',
  tags: ['identity'],
  params: IdParams,
  response: Ok,
});

export const RegisterBody = z.object({
  organisation: z.object({
    type: z.enum(ORG_TYPES),
    name: z.string().trim().min(2).max(100),
    creditCode: z.string().trim().min(1).max(18),
    regionCode: z.string().regex(/^\d{6}$/).optional(),
    address: z.string().trim().max(200).optional(),
  }),
  user: z.object({
    username: Username,
    displayName: z.string().trim().min(1).max(60),
    email: Email,
    phone: Phone.optional(),
    password: Password,
  }),
});

export const register = endpoint({
  method: 'POST',
  path: '/api/v1/register',
  summary: 'Register an enterprise or institution and its first administrator',
  tags: ['identity'],
  body: RegisterBody,
  response: SessionView,
});
