import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ErrorBody, ErrorCode, FieldError } from '../../shared/errors.js';
import { AppError, localiseFields, messageFor } from '../core/errors.js';
import { withTx } from '../db/tx.js';
import { recordAudit } from '../modules/audit/record-audit.js';
import type { App } from './route.js';

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

/**
 * One place turns every failure into `{ error: { code, message, requestId, fields? } }`.
 * Stack traces and SQL never leave the server; they go to the log with the request id.
 */
export type ShellRenderer = (url: string) => Promise<string | null>;

export function registerErrorHandling(app: App, opts: { spaFallback: boolean; renderShell?: ShellRenderer }): void {
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req, reply) => {
    const locale = req.actor?.locale ?? 'zh-CN';
    const { code, fields, retryAfter, message } = classify(err, locale);
    const status = new AppError(code).status;
    if (status >= 500) req.log.error({ err }, 'request failed');
    // Every refusal of a signed-in caller is audited, reads included (probing the audit log is itself worth a trace).
    if ((code === 'FORBIDDEN' || code === 'CSRF_FAILED') && req.actor?.userId) await auditDenied(app, req, code);
    if (retryAfter) void reply.header('retry-after', String(retryAfter));
    const body: ErrorBody = {
      error: { code, message: message ?? messageFor(code, locale), requestId: req.id, ...(fields ? { fields } : {}) },
    };
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler(async (req, reply) => {
    // Client-side routes of the web app: any GET outside /api gets the app shell.
    if (opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/')) {
      const rendered = await opts.renderShell?.(req.url).catch((e: unknown) => {
        req.log.error({ err: e }, 'page shell rendering failed');
        return null;
      });
      if (rendered) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(rendered);
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    const locale = req.actor?.locale ?? 'zh-CN';
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: messageFor('NOT_FOUND', locale), requestId: req.id } };
    return reply.status(404).send(body);
  });
}

function classify(
  err: unknown,
  locale: 'zh-CN' | 'en',
): { code: ErrorCode; fields?: FieldError[]; retryAfter?: number; message?: string } {
  if (err instanceof AppError) {
    return {
      code: err.code,
      fields: localiseFields(err, locale),
      retryAfter: err.options.retryAfter,
      message: err.options.message ? messageFor(err.code, locale, err.options.message) : undefined,
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const render = locale === 'en' ? enLocale : zhLocale;
    const fields = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const issue = { ...v.params, code: v.keyword, path: path.split('.'), message: v.message } as never;
      const text = (render(issue) as string | { message: string } | undefined) ?? v.message ?? '';
      return { path: path || where || '', message: typeof text === 'string' ? text : text.message };
    });
    return { code: 'VALIDATION_FAILED', fields };
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return { code: 'PAYLOAD_TOO_LARGE' };
  if (fe.statusCode === 429) return { code: 'RATE_LIMITED', retryAfter: 60 };
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return { code: 'BAD_REQUEST' };
  return { code: 'INTERNAL' };
}

/** A refused request is itself worth an audit row (outcome "denied"), in its own transaction. */
async function auditDenied(app: App, req: FastifyRequest, code: ErrorCode): Promise<void> {
  try {
    await withTx(app.deps.db, (tx) =>
      recordAudit(tx, req.actor, {
        action: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
        entityType: 'request',
        entityId: null,
        changes: { reason: code },
        outcome: 'denied',
      }),
    );
  } catch (e) {
    req.log.error({ err: e }, 'could not audit a denied request');
  }
}

export type { FastifyReply };
