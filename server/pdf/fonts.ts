import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';

/**
 * The CJK font every PDF is set in. Fonts are never downloaded: the server
 * uses a font installed on the machine, `PDF_FONT_PATH` if set, else the first
 * of the common Debian/Ubuntu/CentOS locations that exists
 * (docs/decisions/0016-pdf-generation.md).
 *
 * Collections (.ttc) are split here into a standalone face held in memory:
 * pdfmake hands the SVG renderer the font's file entry as is, and a
 * [file, face] pair (pdfmake's way to pick a face from a collection) is not
 * something the SVG renderer can open, so chart labels would fail.
 */

/** The family name documents and charts refer to. */
export const PDF_FONT_FAMILY = 'CJK';

/** A regular face and, when one is installed beside it, a bold face. */
type Candidate = { regular: string; bold?: string; face?: string; boldFace?: string };

/** Looked for in this order when PDF_FONT_PATH is unset. */
export const FONT_CANDIDATES: readonly Candidate[] = [
  // fonts-noto-cjk (Debian/Ubuntu): Source Han Sans, with a real bold.
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    face: 'NotoSansCJKsc-Regular',
    boldFace: 'NotoSansCJKsc-Bold',
  },
  { regular: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Regular', boldFace: 'NotoSansCJKsc-Bold' },
  { regular: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Regular', boldFace: 'NotoSansCJKsc-Bold' },
  // fonts-wqy-microhei / fonts-wqy-zenhei: one weight only.
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' },
  { regular: '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc' },
  { regular: '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc' },
];

export type LoadedFace = { postscriptName: string; data: Buffer };
export type CjkFont = { source: string; normal: LoadedFace; bold: LoadedFace };

export const FONT_MISSING = {
  zh: '未找到中文字体，无法生成 PDF。请安装 fonts-noto-cjk 或 fonts-wqy-microhei 软件包，或用环境变量 PDF_FONT_PATH 指定字体文件（.ttf/.otf/.ttc）。',
  en: 'No Chinese (CJK) font found, so no PDF can be made. Install the fonts-noto-cjk or fonts-wqy-microhei package, or set PDF_FONT_PATH to a .ttf/.otf/.ttc font file.',
};

let cached: CjkFont | null = null;

/**
 * The CJK font, read once per process. Throws UNAVAILABLE (with the package
 * to install) when none is found or PDF_FONT_PATH points at nothing usable.
 */
export function cjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  if (cached) return cached;
  cached = findCjkFont(env, existsSync);
  return cached;
}

/** The lookup behind `cjkFont`, uncached (for tests). */
export function findCjkFont(env: NodeJS.ProcessEnv, exists: (p: string) => boolean): CjkFont {
  const configured = env.PDF_FONT_PATH?.trim();
  if (configured) {
    if (!exists(configured)) throw unavailable(`PDF_FONT_PATH=${configured} does not exist`);
    // A sibling bold face (…-Regular.ttc → …-Bold.ttc) is used when present.
    const sibling = configured.replace(/Regular(?=\.[^.]+$)/, 'Bold');
    return load({ regular: configured, bold: sibling !== configured && exists(sibling) ? sibling : undefined });
  }
  const found = FONT_CANDIDATES.find((c) => exists(c.regular));
  if (!found) throw unavailable('no CJK font installed');
  return load({ ...found, bold: found.bold && exists(found.bold) ? found.bold : undefined });
}

function unavailable(detail: string): AppError {
  return new AppError('UNAVAILABLE', { message: FONT_MISSING, cause: new Error(detail) });
}

function load(c: Candidate): CjkFont {
  try {
    const normal = extractFace(readFileSync(c.regular), c.face);
    const bold = c.bold ? extractFace(readFileSync(c.bold), c.boldFace) : normal;
    if (!hasCjk(normal.data)) throw new Error(`${path.basename(c.regular)} has no Chinese characters`);
    return { source: c.regular, normal, bold };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unavailable(`${c.regular}: ${(e as Error).message}`);
  }
}

// ---- sfnt reading: just enough to split a collection and name a face ----

type Table = { tag: string; checksum: number; offset: number; length: number };

function tablesAt(buf: Buffer, at: number): { version: number; tables: Table[] } {
  const version = buf.readUInt32BE(at);
  const n = buf.readUInt16BE(at + 4);
  const tables: Table[] = [];
  for (let i = 0; i < n; i++) {
    const r = at + 12 + i * 16;
    tables.push({ tag: buf.toString('latin1', r, r + 4), checksum: buf.readUInt32BE(r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) });
  }
  return { version, tables };
}

/** The PostScript name (name id 6) of the face whose tables are `tables`. */
function postscriptName(buf: Buffer, tables: Table[]): string {
  const t = tables.find((x) => x.tag === 'name');
  if (!t) return '';
  const count = buf.readUInt16BE(t.offset + 2);
  const strings = t.offset + buf.readUInt16BE(t.offset + 4);
  for (let i = 0; i < count; i++) {
    const r = t.offset + 6 + i * 12;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => buf.readUInt16BE(r + o)) as [number, number, number, number, number, number];
    if (nameId !== 6) continue;
    const raw = buf.subarray(strings + offset, strings + offset + length);
    if (platform === 1) return raw.toString('latin1');
    if (platform === 3 || platform === 0) return Buffer.from(raw).swap16().toString('utf16le');
  }
  return '';
}

/** A standalone font file of one face of `buf` (the face named `wanted`, else a Simplified Chinese one, else the first). */
export function extractFace(buf: Buffer, wanted?: string): LoadedFace {
  if (buf.toString('latin1', 0, 4) !== 'ttcf') {
    const { tables } = tablesAt(buf, 0);
    return { postscriptName: postscriptName(buf, tables) || 'CJK-Regular', data: buf };
  }
  const count = buf.readUInt32BE(8);
  const faces = Array.from({ length: count }, (_, i) => {
    const at = buf.readUInt32BE(12 + i * 4);
    const dir = tablesAt(buf, at);
    return { ...dir, name: postscriptName(buf, dir.tables) };
  });
  const face = faces.find((f) => f.name === wanted) ?? faces.find((f) => /sc|cn|gb/i.test(f.name.split('-')[0] ?? '')) ?? faces[0];
  if (!face) throw new Error('empty font collection');
  return { postscriptName: face.name || 'CJK-Regular', data: writeSfnt(buf, face.version, face.tables) };
}

/** An sfnt file holding copies of `tables` (checksums are kept: the table bytes do not change). */
function writeSfnt(src: Buffer, version: number, tables: Table[]): Buffer {
  const n = tables.length;
  const headerSize = 12 + n * 16;
  const pad = (x: number) => (x + 3) & ~3;
  const size = tables.reduce((s, t) => s + pad(t.length), headerSize);
  const out = Buffer.alloc(size);
  const log2 = Math.floor(Math.log2(n));
  out.writeUInt32BE(version, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(2 ** log2 * 16, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(n * 16 - 2 ** log2 * 16, 10);
  let offset = headerSize;
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  sorted.forEach((t, i) => {
    const r = 12 + i * 16;
    out.write(t.tag, r, 'latin1');
    out.writeUInt32BE(t.checksum, r + 4);
    out.writeUInt32BE(offset, r + 8);
    out.writeUInt32BE(t.length, r + 12);
    src.copy(out, offset, t.offset, t.offset + t.length);
    offset += pad(t.length);
  });
  return out;
}

/** Whether the face maps 中 (U+4E2D) to a glyph: a Latin-only font would print boxes. */
function hasCjk(buf: Buffer): boolean {
  const { tables } = tablesAt(buf, 0);
  const cmap = tables.find((t) => t.tag === 'cmap');
  if (!cmap) return false;
  const n = buf.readUInt16BE(cmap.offset + 2);
  for (let i = 0; i < n; i++) {
    const r = cmap.offset + 4 + i * 8;
    const sub = cmap.offset + buf.readUInt32BE(r + 4);
    const format = buf.readUInt16BE(sub);
    if (format === 4 && hasInFormat4(buf, sub, 0x4e2d)) return true;
    if (format === 12 && hasInFormat12(buf, sub, 0x4e2d)) return true;
  }
  return false;
}

function hasInFormat4(buf: Buffer, at: number, cp: number): boolean {
  const segX2 = buf.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  for (let i = 0; i < segX2; i += 2) {
    if (buf.readUInt16BE(ends + i) >= cp) return buf.readUInt16BE(starts + i) <= cp;
  }
  return false;
}

function hasInFormat12(buf: Buffer, at: number, cp: number): boolean {
  const groups = buf.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    if (buf.readUInt32BE(g) <= cp && buf.readUInt32BE(g + 4) >= cp) return true;
  }
  return false;
}
