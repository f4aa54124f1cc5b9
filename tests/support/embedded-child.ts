/**
 * Test helper process: starts the embedded PostgreSQL on the given data
 * directory and port, prints READY, and waits to be killed.
 */
import { startEmbeddedPostgres } from '../../server/db/embedded.js';

const [dataDir, port] = process.argv.slice(2);
await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
process.stdout.write('READY\n');
setInterval(() => {}, 1 << 30);
