import { describe, expect, it } from 'vitest';
import { chartNode } from './charts.js';
import { createPdf } from './create-pdf.js';
import { pdfPageCount, pdfPageTexts, pdfTitle } from './inspect.js';
import { pageNumberText, reportDocument, titleBlock, zebraTable } from './layout.js';

const meta = { title: '科技成果转化证书', subtitle: '凉州区科学技术局', district: '凉州区人民政府', dateText: '2026年11月27日' };

describe('createPdf with the report layout', () => {
  it('writes a PDF whose text, set in the CJK font, reads back with page numbers on every page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [i + 1, `第 ${i + 1} 行：甜高粱青贮技术`, i % 2 ? '正常' : '滞后']);
    const pdf = await createPdf(
      reportDocument(meta, [
        titleBlock(meta),
        { text: '一、图表', style: 'h1', pageBreak: 'before' },
        chartNode({ xAxis: { type: 'category', data: ['甲', '乙'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [3, 5] }] }, 300, 150),
        zebraTable([{ header: '序号', width: 30 }, { header: '内容' }, { header: '状态', width: 40 }], rows),
      ]),
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfTitle(pdf)).toBe(meta.title);
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBe(pdfPageCount(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => expect(p).toContain(pageNumberText(i + 1, pages.length)));
    expect(pages[0]).toContain('科技成果转化证书');
    expect(pages[0]).toContain('2026年11月27日');
    expect(pages[0]).not.toContain(meta.title + meta.district); // no running header on the cover
    // The running header repeats on later pages, as does the table header row.
    expect(pages[2]).toContain('凉州区人民政府');
    expect(pages[2]).toContain('序号内容状态');
    const all = pages.join('');
    expect(all).toContain('第 80 行：甜高粱青贮技术');
    // Chart labels are real text in the embedded font.
    expect(all).toMatch(/甲.*乙/);
  });

  it('reads back text the font sets with ligatures (ff, fi) and the characters after them in order', async () => {
    // The font's ToUnicode maps a ligature to two letters (<0066 0066>); a hash or id often holds "ff".
    const text = 'office staff 5ffbec 0ff1 after: 待确认';
    const pdf = await createPdf(reportDocument(meta, [titleBlock(meta), { text }]));
    expect(pdfPageTexts(pdf).join('')).toContain(text);
  });

  it('shows an explicit empty row for an empty table', async () => {
    const pdf = await createPdf(reportDocument(meta, [zebraTable([{ header: '任务' }, { header: '状态' }], [], { empty: '当前没有督办事项。' })]));
    expect(pdfPageTexts(pdf)[0]).toContain('任务状态当前没有督办事项。');
  });
});
