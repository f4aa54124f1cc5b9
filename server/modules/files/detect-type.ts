import { inflateRawSync } from 'node:zlib';

/**
 * Content types recognised from a file's first bytes, never from the name or
 * the client's Content-Type. Text types (CSV, JSONL) are accepted only as
 * valid UTF-8 without NUL bytes; which of the two a text is follows from its
 * first non-empty line (a JSON object → JSONL).
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
export const JSONL_TYPE = 'application/x-ndjson';

/** The extensions each detected type may carry; a name with another known extension is a mismatch. */
export const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  [XLSX_TYPE]: ['xlsx'],
  [CSV_TYPE]: ['csv', 'txt'],
  [JSONL_TYPE]: ['jsonl', 'ndjson', 'json', 'txt'],
};
const KNOWN_EXTENSIONS = new Set(Object.values(EXTENSIONS).flat().concat(['xls', 'doc', 'docx', 'zip', 'exe', 'gif', 'html', 'htm', 'svg']));

/** The detected content type, or null when the bytes are none of the types above. */
export function detectContentType(buf: Buffer): string | null {
  if (buf.length === 0) return null;
  if (startsWith(buf, '%PDF-')) return 'application/pdf';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (startsWith(buf, 'RIFF') && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return isSpreadsheetZip(buf) ? XLSX_TYPE : null;
  return detectText(buf);
}

/** Whether the file name's extension contradicts the detected type (a PNG called report.pdf). */
export function extensionMismatch(filename: string, contentType: string): boolean {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!ext || !KNOWN_EXTENSIONS.has(ext)) return false;
  return !(EXTENSIONS[contentType] ?? []).includes(ext);
}

function startsWith(buf: Buffer, s: string): boolean {
  return buf.length >= s.length && buf.subarray(0, s.length).toString('latin1') === s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function detectText(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    return null;
  }
  const first = text.replace(/^\uFEFF/, '').trimStart();
  if (first.length === 0) return null;
  return first.startsWith('{') ? JSONL_TYPE : CSV_TYPE;
}

/**
 * A zip is an XLSX when its `[Content_Types].xml` declares a spreadsheetml
 * workbook. Read from the central directory, as unzip does (the local headers
 * may lack sizes when the writer streamed the archive).
 */
function isSpreadsheetZip(buf: Buffer): boolean {
  try {
    const xml = readZipEntry(buf, '[Content_Types].xml');
    return xml !== null && xml.toString('utf8').includes('spreadsheetml');
  } catch {
    return false;
  }
}

/** One entry of a zip archive held in memory, or null when absent. Handles stored and deflated entries. */
export function readZipEntry(buf: Buffer, name: string): Buffer | null {
  // End of central directory: 22 bytes plus a comment of at most 65535.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && p + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entryName === name) {
      if (buf.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data, { maxOutputLength: 16 * 1024 * 1024 });
      return null;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}
