import { format } from '@fast-csv/format';
import type { ImportRowError } from '../../../shared/contracts/imports.js';

/**
 * The rejected rows as CSV for Excel users: UTF-8 with a BOM (Excel otherwise
 * guesses GBK), Chinese headers, one line per problem.
 */
export async function errorsCsv(errors: readonly ImportRowError[]): Promise<Buffer> {
  const stream = format({ headers: ['行号', '字段', '列', '问题', 'Problem'], writeBOM: true, alwaysWriteHeaders: true });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (const e of errors) stream.write([e.row, e.field, e.column ?? '', e.message, e.messageEn].map(neutralise));
  stream.end();
  await done;
  return Buffer.concat(chunks);
}

/** A cell starting with = + - @ would run as a formula in Excel (CSV injection): prefix a quote. */
function neutralise(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
