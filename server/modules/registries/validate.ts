import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { AppError } from '../../core/errors.js';
import { KINDS } from './kinds.js';

/** Parses an entry's content with its kind's schema; problems become `content.<field>` field errors. */
export function validContent(kind: RegistryKind, content: unknown): Record<string, unknown> {
  const r = KINDS[kind].schema.safeParse(content);
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', {
    fields: r.error.issues.map((i) => ({ path: ['content', ...i.path.map(String)].join('.'), zh: `内容有误：${i.message}`, en: i.message })),
  });
}

/** A unique-constraint violation (PostgreSQL 23505), e.g. a second entry for the same organisation. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}
