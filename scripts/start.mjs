#!/usr/bin/env node
/**
 * `npm start`: build the web app when its output is missing or older than its
 * sources, then run the server in a child process. The child gets our signals
 * so that Ctrl-C or a service manager's SIGTERM stops the server (and the
 * embedded PostgreSQL it owns) cleanly; we exit with the child's code.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');
const SOURCE_DIRS = ['web', 'shared'];

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function webBuildReason() {
  let builtAt;
  try {
    builtAt = statSync(builtIndex).mtimeMs;
  } catch {
    return 'dist/web/index.html is missing';
  }
  const sources = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))));
  return sources > builtAt ? 'web/ or shared/ changed since the last build' : null;
}

const reason = webBuildReason();
if (reason) {
  console.log(`Building the web app (${reason})…`);
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('The web app build failed; not starting the server.');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });

// Forward, don't act: the server decides how to shut down. A second Ctrl-C is
// forwarded too, so an impatient operator still reaches the server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  // Killed by a signal we did not catch: report it the shell's way (128 + n).
  const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 };
  process.exit(128 + (signals[signal] ?? 1));
});
child.on('error', (e) => {
  console.error(`Could not start the server: ${e.message}`);
  process.exit(1);
});
