import PDFDocument from 'pdfkit';
import { FontFace, FontFamily, fontKey, loadFont, useShapingCache, widthOfRun } from './fonts';

/** pdfkit's own measure of a run, as the renderer asked it before (the font selected in a document). */
function pdfkitWidth(family: FontFamily, face: FontFace, text: string, rtl: boolean, size: number): number {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  doc.registerFont(fontKey(family, face), loadFont(family, face) as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(fontKey(family, face)).fontSize(size);
  return doc.widthOfString(text, rtl ? { features: [] } : undefined);
}

const CASES: [FontFamily, FontFace, string, boolean][] = [
  ['latin', 'regular', 'Amelia', false],
  ['latin', 'regular', 'Mae’n hoffi darllen a chwarae pêl-droed; ŷ ŵ â ê î ô û', false],
  ['latin', 'bold', 'Section 2: Special educational needs  (two spaces)', false],
  ['latin', 'oblique', 'tab\tseparated\twords and a trailing space ', false],
  ['latin', 'regular', ' ', false],
  ['latin', 'regular', 'Zażółć gęślą jaźń – Nguyễn Thị Minh Khai – Ελένη Παπαδοπούλου', false],
  ['latin', 'regular', 'office ﬁ ligatures: fi fl ffi, kerning: AV Ta Yo', false],
  ['arabic', 'regular', 'يحب القراءة والرسم مع أصدقائه', true],
  ['hebrew', 'bold', 'שלום עולם', true],
  ['cjk', 'regular', '他喜欢读书和画画，也喜欢和朋友一起玩。', false],
  ['emoji', 'regular', '🙏🏥', false],
];

describe('widthOfRun measures as pdfkit does', () => {
  it.each(CASES)('%s %s: %s', (family, face, text, rtl) => {
    for (const size of [8, 9.5, 10, 11, 12, 14, 18, 24]) {
      const expected = pdfkitWidth(family, face, text, rtl, size);
      // Exactly: a line wraps where pdfkit's measure would wrap it.
      expect(widthOfRun(family, face, text, rtl, size)).toBe(expected);
      // Again, from what was kept.
      expect(widthOfRun(family, face, text, rtl, size)).toBe(expected);
    }
  });

  it('measures the same with nothing kept', () => {
    try {
      useShapingCache(false);
      for (const [family, face, text, rtl] of CASES) expect(widthOfRun(family, face, text, rtl, 11)).toBe(pdfkitWidth(family, face, text, rtl, 11));
    } finally {
      useShapingCache(true);
    }
  });
});
