import { randomBytes } from 'node:crypto';
import { buildZip } from '../../../test/support/zip-writer';
import { doc, docx, docxBomb, docxDeclaredBomb, jpeg, pdf, plainZip, png } from '../../../test/support/sample-files';
import { detectFileType, ZIP_LIMITS } from './detect-file-type';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('detectFileType', () => {
  it.each([
    ['a.pdf', pdf, 'pdf'],
    ['a.png', png, 'png'],
    ['a.jpg', jpeg, 'jpeg'],
    ['a.doc', doc, 'doc'],
    ['a.docx', docx, 'docx'],
  ])('accepts %s when content agrees', async (name, make, kind) => {
    await expect(detectFileType(make(), name)).resolves.toBe(kind);
  });

  it.each([
    ['a.pdf', png],
    ['a.png', jpeg],
    ['a.jpg', doc],
    ['a.doc', docx],
    ['a.docx', doc],
    ['a.docx', plainZip],
    ['a.zip', plainZip],
    ['a.docx', () => Buffer.from('PK\u0003\u0004 not really a zip', 'latin1')],
  ])('refuses %s with other content (415)', async (name, make) => {
    expect(await codeOf(detectFileType(make(), name))).toBe('unsupported_file_type');
  });

  it('refuses zip bombs: a tightly packed part, declared sizes past the total, too many parts', async () => {
    expect(await codeOf(detectFileType(docxBomb(), 'a.docx'))).toBe('unsupported_file_type');
    expect(await codeOf(detectFileType(docxDeclaredBomb(), 'a.docx'))).toBe('unsupported_file_type');
    // Incompressible parts, each within the ratio, adding up to more than the total allowed.
    const chunk = randomBytes(1.2 * 1024 * 1024);
    const total = buildZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
      ...[1, 2, 3].map((i) => ({ name: `word/media/image${i}.bin`, content: chunk, declaredUncompressedSize: 40 * 1024 * 1024 })),
    ]);
    expect(await codeOf(detectFileType(total, 'a.docx'))).toBe('unsupported_file_type');
    const many = buildZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
      ...Array.from({ length: ZIP_LIMITS.maxEntries }, (_, i) => ({ name: `p/${i}`, content: '' })),
    ]);
    expect(await codeOf(detectFileType(many, 'a.docx'))).toBe('unsupported_file_type');
  });

  it('small, well-packed XML parts are not mistaken for bombs', async () => {
    const xml = `<w:document>${'<w:p/>'.repeat(100_000)}</w:document>`; // 600 KB, packs ~1000:1
    const zip = buildZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: xml },
    ]);
    await expect(detectFileType(zip, 'a.docx')).resolves.toBe('docx');
  });
});
