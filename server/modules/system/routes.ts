import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as c from '../../../shared/contracts/system.js';
import { type App, route } from '../../http/route.js';
import { loadDistrict } from '../organisations/district-config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function systemRoutes(app: App): void {
  route(app, c.getMeta, { access: 'public' }, async ({ deps }) => {
    const { district } = loadDistrict();
    return {
      version: VERSION,
      districtName: district.platformName,
      districtNameEn: district.platformNameEn,
      smtpConfigured: Boolean(deps.config.smtpUrl),
    };
  });
}
