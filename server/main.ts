import { loadConfig } from './config.js';
import { createLogger } from './core/logger.js';
import { DataDirInUseError, EmbeddedPortInUseError } from './db/embedded.js';
import { startPlatform } from './platform.js';

const config = loadConfig();
const log = createLogger(config.logLevel);

try {
  const started = Date.now();
  const platform = await startPlatform(config, log);
  await platform.app.listen({ host: config.host, port: config.port });
  log.info({ url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`, ms: Date.now() - started }, 'Chengguo is ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await platform.stop();
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof DataDirInUseError || e instanceof EmbeddedPortInUseError) {
    log.fatal(e.message);
  } else {
    log.fatal({ err: e }, 'start-up failed');
  }
  process.exit(1);
}
