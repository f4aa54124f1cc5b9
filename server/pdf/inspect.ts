import { inflateSync } from 'node:zlib';

/**
 * Reading back what `createPdf` wrote, for tests: page count and the text of
 * each page, decoded through the fonts' ToUnicode maps. This understands the
 * PDFs pdfkit writes (plain objects, Flate streams, Identity-H fonts), not PDF
 * in general; it exists so tests need no poppler or pdf.js.
 */

type PdfObject = { dict: string; stream: Buffer | null };

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && body.startsWith('<<')) {
      dict = body.slice(0, s);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      let from = start + s + 'stream'.length;
      if (src[from] === '\r') from++;
      if (src[from] === '\n') from++;
      const raw = Buffer.from(src.slice(from, length >= 0 ? from + length : src.indexOf('endstream', from)), 'latin1');
      stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

const refOf = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The pages' object numbers in reading order (pdfkit writes a single Pages node). */
function pageIds(objects: Map<number, PdfObject>): number[] {
  for (const o of objects.values()) {
    if (!/\/Type\s*\/Pages\b/.test(o.dict)) continue;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  }
  return [];
}

/** Number of pages. */
export function pdfPageCount(pdf: Buffer): number {
  return pageIds(parseObjects(pdf)).length;
}

/** code → text, from a ToUnicode CMap (bfchar and bfrange, both forms). */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  // A destination may be several code units, spaced (<0066 0066>: the ligature ff is two letters).
  const hex = (spaced: string) => {
    const h = spaced.replace(/\s+/g, '');
    return Buffer.from(h.length % 4 ? h.padStart(Math.ceil(h.length / 4) * 4, '0') : h, 'hex').swap16().toString('utf16le');
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(code!, 16), hex(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const a = parseInt(lo!, 16);
      const b = parseInt(hi!, 16);
      if (rest!.startsWith('[')) {
        [...rest!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(a + i, hex(d[1]!)));
      } else {
        const first = parseInt(rest!.slice(1, -1), 16);
        for (let c = a; c <= b; c++) map.set(c, String.fromCodePoint(first + c - a));
      }
    }
  }
  return map;
}

/**
 * The text of each page: every string shown, in content order, joined
 * without separators (so a title wrapped over two lines still reads whole).
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontId: number): Map<number, string> => {
    const cached = cmaps.get(fontId);
    if (cached) return cached;
    const tu = refOf(objects.get(fontId)?.dict ?? '', 'ToUnicode');
    const map = tu !== null ? parseCMap(objects.get(tu)?.stream?.toString('latin1') ?? '') : new Map<number, string>();
    cmaps.set(fontId, map);
    return map;
  };
  return pageIds(objects).map((id) => {
    const page = objects.get(id)!.dict;
    const resId = refOf(page, 'Resources');
    const resources = resId !== null ? (objects.get(resId)?.dict ?? '') : page;
    const fontsBlock = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontsBlock.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((f) => [f[1]!, Number(f[2])]));
    const contentIds = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((c) => Number(c[1]));
    let text = '';
    for (const cid of contentIds) {
      const ops = objects.get(cid)?.stream?.toString('latin1') ?? '';
      let map = new Map<number, string>();
      for (const op of ops.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|(\[[^\]]*\])\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1]) {
          const f = fonts.get(op[1]);
          map = f !== undefined ? fontMap(f) : new Map();
          continue;
        }
        const hexes = op[2] ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
        for (const h of hexes) for (let i = 0; i + 4 <= h.length; i += 4) text += map.get(parseInt(h.slice(i, i + 4), 16)) ?? '';
      }
    }
    return text;
  });
}

/** The PDF's document title from its Info dictionary. */
export function pdfTitle(pdf: Buffer): string | null {
  const objects = parseObjects(pdf);
  for (const o of objects.values()) {
    if (!/\/Producer/.test(o.dict) || !/\/Title/.test(o.dict)) continue;
    const id = refOf(o.dict, 'Title');
    const v = (id !== null ? objects.get(id)?.dict : /\/Title\s*(\([\s\S]*?\)|<[0-9a-fA-F]*>)/.exec(o.dict)?.[1])?.trim();
    return v ? decodeString(v) : null;
  }
  return null;
}

const ESC: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A PDF string object (literal or hex; PDFDocEncoding or UTF-16BE with BOM). */
function decodeString(v: string): string {
  const raw = v.startsWith('<')
    ? Buffer.from(v.slice(1, -1), 'hex').toString('latin1')
    : v.slice(1, v.lastIndexOf(')')).replace(/\\([0-7]{1,3}|[\s\S])/g, (_, c: string) => (/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : (ESC[c] ?? c)));
  const b = Buffer.from(raw, 'latin1');
  return b[0] === 0xfe && b[1] === 0xff ? Buffer.from(b.subarray(2)).swap16().toString('utf16le') : raw;
}
