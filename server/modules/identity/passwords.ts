import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from '../../../shared/password-policy.js';
import { AppError } from '../../core/errors.js';

// argon2id (the library's default algorithm) with OWASP's recommended minimum
// for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Throws a field error naming every rule the password breaks. */
export function assertPasswordPolicy(password: string, username: string | undefined, field: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_FAILED', {
    fields: [
      {
        path: field,
        zh: problems.map((p) => PASSWORD_PROBLEM_TEXT[p].zh).join('；'),
        en: problems.map((p) => PASSWORD_PROBLEM_TEXT[p].en).join('; '),
      },
    ],
  });
}

/** A one-time password that itself satisfies the policy (all four classes). */
export function generateOneTimePassword(): string {
  const pick = (set: string) => set[randomBytes(1)[0]! % set.length]!;
  const core = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnpqrstuvwxyz')}${pick('23456789')}${pick('!@#$%&*')}${core}`;
}
