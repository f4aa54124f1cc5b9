import { z } from 'zod';

// The server's CSP forbids eval; without this zod probes `new Function` and the
// browser reports a CSP violation. Imported first in main.tsx so it runs before any parse.
z.config({ jitless: true });
