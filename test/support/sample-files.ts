import { buildZip } from './zip-writer';

/** Small but real-looking files of every accepted type, and their disguised or hostile cousins. */

export function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

export function png(): Buffer {
  // The signature and an IHDR chunk header: enough for a signature check, no full parse needed.
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  ]);
}

export function jpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.alloc(64, 1),
    Buffer.from([0xff, 0xd9]),
  ]);
}

export function doc(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);
}

const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCUMENT_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>Support plan</w:t></w:r></w:p></w:body></w:document>';

export function docx(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES_XML },
    { name: 'word/document.xml', content: DOCUMENT_XML },
  ]);
}

/** A zip that is not a Word document (an .xlsx, say) named .docx. */
export function plainZip(): Buffer {
  return buildZip([{ name: 'notes.txt', content: 'hello' }]);
}

/** A docx whose document part is 20 MiB of zeros that compress to about 20 KB (ratio ~1000). */
export function docxBomb(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES_XML },
    { name: 'word/document.xml', content: Buffer.alloc(20 * 1024 * 1024, 0) },
  ]);
}

/** A docx whose headers declare 2 GiB unpacked in total (the data itself is small). */
export function docxDeclaredBomb(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES_XML },
    { name: 'word/document.xml', content: DOCUMENT_XML },
    { name: 'word/media/big1.bin', content: 'x', declaredUncompressedSize: 0x7fffffff },
  ]);
}

/** An executable wearing a .pdf extension. */
export function exe(): Buffer {
  return Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200, 0x90)]);
}

/** A PDF body of exactly `bytes` bytes. */
export function pdfOfSize(bytes: number): Buffer {
  const head = pdf();
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x20)]);
}

/**
 * A docx whose directory under-declares its sizes: the document part claims 1 KiB but inflates to
 * `mib` MiB of zeros (about 150 KiB packed for 150 MiB), the assessment's zip bomb.
 */
export function docxUnderDeclaredBomb(mib = 150): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES_XML },
    { name: 'word/document.xml', content: Buffer.alloc(mib * 1024 * 1024, 0), declaredUncompressedSize: 1024 },
  ]);
}
