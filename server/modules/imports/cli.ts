import { parseArgs } from 'node:util';
import type { ImportRowError } from '../../../shared/contracts/imports.js';
import { IMPORT_MODES } from '../../../shared/contracts/imports.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../core/access.js';
import { openDatabase } from '../../ops/database.js';
import { importFile } from './import-file.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

const USAGE = 'Usage: npm run cli -- import <achievement|demand> <file> [--mode all_or_nothing|valid_only] [--org <creditCode|id>] [--status draft|submitted] [--publish]';

/**
 * `npm run cli -- import …`: the operator acts with the bureau's rights
 * (whoever can run the CLI controls the database anyway); audit rows name the
 * operating-system account through the CLI actor's user agent. Exit 0 when
 * rows were imported, 1 when nothing was, 2 on usage errors.
 */
export async function importCommand(config: Config, cliActor: Actor, args: readonly string[], out: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { mode: { type: 'string', default: 'all_or_nothing' }, org: { type: 'string' }, status: { type: 'string', default: 'draft' }, publish: { type: 'boolean', default: false } },
    });
  } catch (e) {
    out.err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const [kind, file] = parsed.positionals;
  const { mode, org, status, publish } = parsed.values;
  if ((kind !== 'achievement' && kind !== 'demand') || !file || !IMPORT_MODES.includes(mode as never) || !['draft', 'submitted'].includes(status!)) {
    out.err(USAGE);
    return 2;
  }
  const actor: Actor = { ...cliActor, roles: ['bureau_admin'] };
  const open = await openDatabase(config);
  try {
    const { validated, final } = await importFile(
      open.db,
      actor,
      { kind, file, mode: mode as 'all_or_nothing' | 'valid_only', target: publish ? 'published' : (status as 'draft' | 'submitted'), org },
      () => new Date(),
    );
    out.log(`校验 / Validated: ${validated.totalRows} 行 rows, ${validated.validRows} 有效 valid, ${validated.invalidRows} 无效 invalid`);
    for (const e of (final.errors as ImportRowError[]).slice(0, 50)) out.err(`  第 ${e.row} 行 row ${e.row} [${e.column ?? e.field}] ${e.message} / ${e.messageEn}`);
    if (final.invalidRows > 50) out.err(`  … 共 ${final.invalidRows} 行无效 / ${final.invalidRows} invalid rows in all (report: GET /api/v1/imports/${final.id}/errors.csv)`);
    if (final.failure) {
      const f = JSON.parse(final.failure) as { zh: string; en: string };
      out.err(`${f.zh}\n${f.en}`);
    }
    if (final.status === 'done') {
      out.log(`导入完成 / Imported: ${final.importedRows} (${final.targetStatus}), batch ${final.id}`);
      if (final.targetStatus === 'published') out.log('已发布记录的检索索引将由运行中的平台更新 / The running platform re-indexes published records.');
      return 0;
    }
    out.err(
      final.mode === 'all_or_nothing' && final.invalidRows > 0
        ? '未导入任何记录（整体导入模式）；修正后重试，或使用 --mode valid_only / Nothing imported (all-or-nothing); fix the rows or use --mode valid_only'
        : '未导入任何记录 / Nothing imported',
    );
    return 1;
  } finally {
    await open.close();
  }
}
