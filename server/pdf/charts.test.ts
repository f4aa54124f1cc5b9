import { describe, expect, it } from 'vitest';
import { chartSvg } from './charts.js';
import { PDF_FONT_FAMILY } from './fonts.js';

describe('chartSvg', () => {
  const option = {
    title: { text: '完成率' },
    xAxis: { type: 'category' as const, data: ['成果登记', '需求发布', '技术合同'] },
    yAxis: { type: 'value' as const },
    series: [{ type: 'bar' as const, data: [1234, 567, 89], label: { show: true } }],
  };

  it('draws a well-formed SVG of the asked size with the series values and categories as text', () => {
    const svg = chartSvg(option, 480, 240);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/width="480" height="240"/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const t of ['1234', '567', '89', '成果登记', '需求发布', '技术合同', '完成率']) expect(texts).toContain(t);
    // One bar per value.
    expect(svg.match(/<path d="M[^"]*"[^>]*fill="#1f4e9c"/g)?.length).toBe(3);
  });

  it('sets every label in the embedded CJK font at normal weight, without animation', () => {
    const svg = chartSvg({ ...option, textStyle: { fontFamily: 'Microsoft YaHei' } }, 300, 200);
    const families = [...svg.matchAll(/font-family:([^;"]*)/g)].map((m) => m[1]);
    expect(families.length).toBeGreaterThan(0);
    expect(new Set(families)).toEqual(new Set([PDF_FONT_FAMILY]));
    expect(svg).not.toMatch(/font-weight:\s*bold|font:\s*bold/);
    expect(svg).not.toMatch(/<animate/);
  });

  it('draws a line over the months given, labelled with its values', () => {
    const svg = chartSvg({ xAxis: { type: 'category', data: ['1月', '2月', '3月'] }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [5, 7], label: { show: true } }] }, 300, 160);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['5', '7', '1月', '3月']));
  });
});
