import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedPortInUseError, startEmbeddedPostgres } from '../../server/db/embedded.js';

/** `npm start` when another program holds the embedded database's port. */
describe('embedded PostgreSQL on a taken port', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });

  it('refuses with a message naming the port and the setting, and leaves no lock or database behind', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => holder.close());
    const port = (holder.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-port-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));

    const started = startEmbeddedPostgres({ dataDir: dir, port });
    await expect(started).rejects.toBeInstanceOf(EmbeddedPortInUseError);
    await expect(started).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}.*EMBEDDED_PG_PORT`));
    expect(existsSync(path.join(dir, 'chengguo.lock'))).toBe(false);
    expect(existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(false);
  });
});
