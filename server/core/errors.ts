import { ERRORS, type ErrorCode, type FieldError } from '../../shared/errors.js';

/**
 * The only error type domain code throws. `fields` carries field-level
 * messages as message keys or literal text per language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      /** Field problems; messages given in both languages. */
      fields?: { path: string; zh: string; en: string }[];
      /** Override of the default message for this code. */
      message?: { zh: string; en: string };
      /** Seconds until retry is sensible (rate limits, lockout). */
      retryAfter?: number;
      cause?: unknown;
    } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  /** Shorthand for a single-field validation failure. */
  static field(path: string, zh: string, en: string): AppError {
    return new AppError('VALIDATION_FAILED', { fields: [{ path, zh, en }] });
  }
}

export function messageFor(code: ErrorCode, locale: 'zh-CN' | 'en', override?: { zh: string; en: string }): string {
  const m = override ?? ERRORS[code];
  return locale === 'en' ? m.en : m.zh;
}

export function localiseFields(err: AppError, locale: 'zh-CN' | 'en'): FieldError[] | undefined {
  return err.options.fields?.map((f) => ({ path: f.path, message: locale === 'en' ? f.en : f.zh }));
}
