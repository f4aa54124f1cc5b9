import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ContentSvg } from 'pdfmake/interfaces.js';
import { PDF_FONT_FAMILY } from './fonts.js';

/**
 * Charts for PDFs, drawn by ECharts' server-side SVG renderer (the same
 * library and options the web dashboard uses) and embedded as vector SVG.
 *
 * pdfmake's SVG support (svg-to-pdfkit) covers what ECharts emits for plain
 * bar and line charts; the option is adjusted so it stays inside that:
 * no animation, every label in the embedded CJK font at normal weight (the
 * renderer can only reach fonts pdfmake has registered), no rich text.
 */

/** Colours that stay distinct when printed in greyscale. */
export const CHART_COLORS = ['#1f4e9c', '#d9822b', '#3a9a5b', '#c23b3b', '#7b5aa6', '#6b7785'];

/** The chart as an SVG string of `width`×`height` (points in the PDF). */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      color: CHART_COLORS,
      ...option,
      animation: false,
      textStyle: { ...(option.textStyle as object | undefined), fontFamily: PDF_FONT_FAMILY, fontWeight: 'normal' },
    });
    return normaliseSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * Keep labels on the registered font at normal weight even where a component
 * set its own style (titles default to bold).
 */
function normaliseSvg(svg: string): string {
  return svg
    .replace(/font-family:[^;"]*/g, `font-family:${PDF_FONT_FAMILY}`)
    .replace(/font-weight:\s*(bold|bolder|[6-9]00)/g, 'font-weight:normal')
    .replace(/font:\s*(bold|bolder|[6-9]00)\s+/g, 'font:');
}

/** A pdfmake node for a chart, `width` points wide. */
export function chartNode(option: EChartsOption, width: number, height: number): ContentSvg {
  return { svg: chartSvg(option, width, height), width, font: PDF_FONT_FAMILY } as ContentSvg;
}
