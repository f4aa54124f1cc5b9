import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { registerAuthentication } from './http/authenticate.js';
import type { AppDeps } from './http/deps.js';
import { registerErrorHandling } from './http/errors.js';
import type { App } from './http/route.js';
import { registerModules, renderPageShell } from './modules/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');

/** Build the HTTP application. No listening, no database start: see main.ts. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log,
    genReqId: () => randomUUID(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }) as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Chengguo API', version: '1', description: '成果 · 科技成果转移转化服务平台' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-cg_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthentication(app);
  const webAvailable = deps.config.serveWeb && existsSync(path.join(WEB_DIST, 'index.html'));
  if (deps.config.serveWeb && !webAvailable) app.log.warn(`web app not built (${WEB_DIST}); run npm run build`);
  const indexHtml = webAvailable ? readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8') : '';
  registerErrorHandling(app, { spaFallback: webAvailable, renderShell: (url) => renderPageShell(deps, url, indexHtml) });
  registerHealth(app);
  await app.register(async (scope) => registerModules(scope as unknown as App));
  if (webAvailable) await registerWeb(app);
  return app;
}

function registerHealth(app: App): void {
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (req, reply) => {
    try {
      await app.deps.db.execute(sql`SELECT 1 FROM audit_head LIMIT 1`);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}

async function registerWeb(app: App): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.get('/', { config: { access: 'public' } }, (req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
}
