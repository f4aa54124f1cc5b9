import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { extractFace, FONT_CANDIDATES, findCjkFont } from './fonts.js';

const installed = FONT_CANDIDATES.find((c) => existsSync(c.regular));

describe('finding the CJK font', () => {
  it('fails with UNAVAILABLE naming the packages to install when no font is found', () => {
    const err = (() => {
      try {
        findCjkFont({}, () => false);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    expect((err as AppError).options.message?.zh).toMatch(/fonts-noto-cjk.*fonts-wqy-microhei.*PDF_FONT_PATH/);
    expect((err as AppError).options.message?.en).toMatch(/fonts-noto-cjk.*PDF_FONT_PATH/);
  });

  it('fails the same way when PDF_FONT_PATH names a missing file or a font without Chinese', () => {
    expect(() => findCjkFont({ PDF_FONT_PATH: '/nowhere/font.ttf' }, existsSync)).toThrow(AppError);
    const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    if (existsSync(latin)) expect(() => findCjkFont({ PDF_FONT_PATH: latin }, existsSync)).toThrow(AppError);
  });

  // The CI image installs fonts-noto-cjk or fonts-wqy-microhei (README); without one no PDF can be made at all.
  it('splits the installed collection into a standalone face with a Simplified Chinese name', () => {
    expect(installed, 'install fonts-noto-cjk or fonts-wqy-microhei').toBeDefined();
    const font = findCjkFont({}, existsSync);
    expect(font.source).toBe(installed!.regular);
    expect(font.normal.data.toString('latin1', 0, 4)).not.toBe('ttcf');
    expect(font.normal.postscriptName).toMatch(/^(NotoSansCJKsc-Regular|WenQuanYi)/);
    // A standalone face is a valid sfnt: version, then a table directory that fits the buffer.
    const n = font.normal.data.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const r = 12 + i * 16;
      expect(font.normal.data.readUInt32BE(r + 8) + font.normal.data.readUInt32BE(r + 12)).toBeLessThanOrEqual(font.normal.data.length);
    }
  });

  it('honours PDF_FONT_PATH and picks a named face from a collection', () => {
    const buf = readFileSync(installed!.regular);
    const first = extractFace(buf, 'no-such-face');
    expect(first.postscriptName.length).toBeGreaterThan(0);
    expect(findCjkFont({ PDF_FONT_PATH: installed!.regular }, existsSync).normal.postscriptName).toBe(first.postscriptName);
  });
});
