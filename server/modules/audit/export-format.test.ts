import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, exportFilename } from './export-format.js';
import { contentDisposition } from '../../http/download.js';

describe('CSV cells', () => {
  it('neutralises anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('成果转化')).toBe('成果转化');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});

describe('download names', () => {
  it('names the file after the UTC day and sends both filename forms', () => {
    expect(exportFilename(new Date('2026-11-27T23:59:59Z'), 'xlsx')).toBe('audit-20261127.xlsx');
    expect(contentDisposition('audit-20261127.csv')).toBe(`attachment; filename="audit-20261127.csv"; filename*=UTF-8''audit-20261127.csv`);
    expect(contentDisposition('审计.csv')).toBe(`attachment; filename="__.csv"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.csv`);
  });
});
