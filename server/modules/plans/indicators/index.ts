/**
 * Every computed-indicator source. Adding one is a file in this folder and its
 * line here. A plan may name a query that is not here: it is shown as
 * reported until a source of that name exists.
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
import './innovation-platforms.js';
// S&T finance register (server/modules/finance): patent pledge amount, enterprises financed.
import './finance.js';

export * from './registry.js';
