/**
 * Every computed-indicator source. Adding one is a file in this folder and its
 * line here. Names reserved in plan files for sources still to come (shown as
 * reported until then): transfer-institutions-provincial,
 * transfer-institutions-municipal, maker-spaces-provincial,
 * maker-spaces-municipal, transfer-talents-provincial,
 * transfer-talents-municipal, commissioner-village-coverage.
 */
import './achievements-published.js';
import './demands-published.js';
import './cases-agreement.js';
import './obligations-accepted.js';
import './major-achievements.js';
import './vouchers.js';
import './commissioner-village-coverage.js';
import './contract-turnover.js';
// Registries (server/modules/registries): institutions, maker spaces, transfer talents, demonstration zones.
import './transfer-institutions.js';
import './maker-spaces.js';
import './transfer-talents.js';
import './demo-zones.js';

export * from './registry.js';
