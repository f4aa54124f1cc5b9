import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { cjkFont, PDF_FONT_FAMILY } from './fonts.js';

/**
 * The one way the server makes a PDF (reports, certificates). pdfmake is a
 * process-wide singleton: fonts and access policies are set here once, and
 * no other module should configure it.
 */

type VirtualFs = { writeFileSync(name: string, data: Buffer): void };
let ready = false;

function setUp(): void {
  if (ready) return;
  const font = cjkFont();
  // Fonts live in pdfmake's in-memory file system under their PostScript
  // names: pdfkit caches a loaded font by that name, which is also what the
  // SVG renderer asks for when it sets chart labels.
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  vfs.writeFileSync(font.normal.postscriptName, font.normal.data);
  vfs.writeFileSync(font.bold.postscriptName, font.bold.data);
  pdfmake.setFonts({
    [PDF_FONT_FAMILY]: {
      normal: font.normal.postscriptName,
      bold: font.bold.postscriptName,
      italics: font.normal.postscriptName,
      bolditalics: font.bold.postscriptName,
    },
  });
  // Documents are built from our own data: nothing is fetched from the
  // network or read from disk while rendering (an image URL in a title cannot
  // make the server fetch or leak a file).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/**
 * Render a pdfmake document definition to a PDF. The CJK font is the default
 * (`defaultStyle.font`), so callers never name it. Throws UNAVAILABLE when no
 * CJK font is installed (see fonts.ts).
 */
export async function createPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  setUp();
  const def: TDocumentDefinitions = {
    ...doc,
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10, ...doc.defaultStyle },
  };
  return pdfmake.createPdf(def).getBuffer();
}
