import type { Content, ContentTable, CustomTableLayout, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';

/**
 * The standard A4 report: a title block with the district and the date, a
 * running header, "第 N 页 / 共 M 页" in the footer, and zebra tables. Domain
 * documents build their content from these pieces and pass the result to
 * `createPdf`.
 */

/** A4 portrait, in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS: [number, number, number, number] = [56, 64, 56, 60];
/** Width available to content between the margins. */
export const CONTENT_WIDTH = A4.width - MARGINS[0] - MARGINS[2];

const INK = '#1a1a1a';
const MUTED = '#5f6b7a';
const RULE = '#b8c2cc';
const ZEBRA = '#f1f4f8';
const HEAD = '#dfe7f1';

export const REPORT_STYLES: StyleDictionary = {
  title: { fontSize: 22, bold: true, alignment: 'center', lineHeight: 1.3 },
  subtitle: { fontSize: 13, alignment: 'center', color: MUTED },
  h1: { fontSize: 15, bold: true, margin: [0, 14, 0, 6], color: INK },
  h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4], color: INK },
  small: { fontSize: 8.5, color: MUTED },
  th: { bold: true, fontSize: 9.5, fillColor: HEAD },
  td: { fontSize: 9.5 },
  note: { fontSize: 9, color: MUTED, italics: false },
};

export type ReportMeta = {
  /** Document title: on the cover and in the PDF's metadata. */
  title: string;
  /** Shown under the title, e.g. the plan's issuing body. */
  subtitle?: string;
  /** The district (or issuing authority) shown on the title block. */
  district: string;
  /** The report's date as the reader knows it, e.g. "2026年11月27日". */
  dateText: string;
  /** Running header text (left); the title when omitted. */
  header?: string;
  author?: string;
};

/** The title block: district, title, subtitle and date, centred in the upper third of a cover page. */
export function titleBlock(meta: ReportMeta, extra: Content[] = []): Content {
  return {
    stack: [
      { text: meta.district, fontSize: 14, alignment: 'center', color: MUTED, margin: [0, 150, 0, 28] },
      { text: meta.title, style: 'title' },
      meta.subtitle ? { text: meta.subtitle, style: 'subtitle', margin: [0, 14, 0, 0] } : { text: '' },
      { text: meta.dateText, fontSize: 13, alignment: 'center', margin: [0, 64, 0, 0] },
      ...extra,
    ],
  };
}

/** "第 N 页 / 共 M 页". */
export function pageNumberText(page: number, pages: number): string {
  return `第 ${page} 页 / 共 ${pages} 页`;
}

/**
 * A report document: A4, the standard styles, metadata, running header (not
 * on the cover) and page-number footer on every page.
 */
export function reportDocument(meta: ReportMeta, content: Content[]): TDocumentDefinitions {
  const header = meta.header ?? meta.title;
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    info: { title: meta.title, author: meta.author ?? meta.district, subject: meta.subtitle ?? meta.title, creator: 'Chengguo 成果', producer: 'Chengguo 成果' },
    styles: REPORT_STYLES,
    defaultStyle: { fontSize: 10, lineHeight: 1.25, color: INK },
    header: (page: number) =>
      page === 1
        ? { text: '' }
        : {
            margin: [MARGINS[0], 30, MARGINS[2], 0],
            columns: [
              { text: header, style: 'small' },
              { text: meta.district, style: 'small', alignment: 'right' },
            ],
          },
    footer: (page: number, pages: number) => ({ text: pageNumberText(page, pages), alignment: 'center', fontSize: 9, color: MUTED, margin: [0, 20, 0, 0] }),
    content,
  };
}

/** Thin horizontal rules, a shaded header row and zebra body rows. */
export const ZEBRA_LAYOUT: CustomTableLayout = {
  fillColor: (row: number, node: ContentTable) => {
    const headerRows = node.table.headerRows ?? 0;
    if (row < headerRows) return HEAD;
    return (row - headerRows) % 2 === 1 ? ZEBRA : null;
  },
  hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export type Column = { header: string; width?: number | '*' | 'auto'; align?: 'left' | 'right' | 'center' };

/**
 * A table with one header row (repeated on every page it spans) and zebra
 * rows. An empty `rows` gives a single "无" row so the section still reads.
 */
export function zebraTable(columns: readonly Column[], rows: readonly (readonly (string | number | TableCell)[])[], opts: { empty?: string } = {}): ContentTable {
  const head: TableCell[] = columns.map((c) => ({ text: c.header, style: 'th', alignment: c.align ?? 'left' }));
  const body: TableCell[][] = rows.map((r) =>
    r.map((cell, i) => (typeof cell === 'object' ? cell : { text: String(cell), style: 'td', alignment: columns[i]?.align ?? 'left' })),
  );
  if (body.length === 0) body.push([{ text: opts.empty ?? '无', style: 'td', colSpan: columns.length, alignment: 'center', color: MUTED }, ...columns.slice(1).map(() => ({ text: '' }))]);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: columns.map((c) => c.width ?? '*'), body: [head, ...body] },
    layout: ZEBRA_LAYOUT,
    margin: [0, 2, 0, 8],
  };
}

/** Label–value pairs as a borderless table, `columns` pairs to a row (2 keeps long sections short). */
export function keyValues(pairs: readonly [string, string][], columns: 1 | 2 = 1): ContentTable {
  const cells = pairs.map(([k, v]) => [{ text: k, color: MUTED }, { text: v }]);
  const body: TableCell[][] = [];
  for (let i = 0; i < cells.length; i += columns) {
    const row = cells.slice(i, i + columns).flat();
    while (row.length < columns * 2) row.push({ text: '' });
    body.push(row);
  }
  return {
    table: { widths: columns === 1 ? [110, '*'] : [72, '*', 72, '*'], body },
    layout: 'noBorders',
    margin: [0, 2, 0, 6],
  };
}
