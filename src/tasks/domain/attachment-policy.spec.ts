import { kindFromExtension, kindFromSignature, MAX_FILENAME_LENGTH, sanitiseFilename } from './attachment-policy';

describe('attachment policy', () => {
  it('knows the accepted extensions, case-insensitively', () => {
    expect(['a.pdf', 'a.PNG', 'a.jpg', 'a.JPEG', 'a.doc', 'a.docx'].map(kindFromExtension)).toEqual([
      'pdf',
      'png',
      'jpeg',
      'jpeg',
      'doc',
      'docx',
    ]);
    expect(['a.exe', 'a', 'a.pdf.exe', 'pdf', 'a.txt'].map(kindFromExtension)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads signatures from the first bytes', () => {
    expect(kindFromSignature(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(kindFromSignature(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(kindFromSignature(Buffer.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(kindFromSignature(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('doc');
    expect(kindFromSignature(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('zip');
    expect(kindFromSignature(Buffer.from('%PDF'))).toBeUndefined();
    expect(kindFromSignature(Buffer.from('MZ'))).toBeUndefined();
    expect(kindFromSignature(Buffer.alloc(0))).toBeUndefined();
  });

  it.each([
    ['report.pdf', 'pdf', 'report.pdf'],
    ['../../secret/report.pdf', 'pdf', 'report.pdf'],
    ['C:\\temp\\report.pdf', 'pdf', 'report.pdf'],
    ['line\r\nbreak.pdf', 'pdf', 'line break.pdf'],
    ['tab\there.pdf', 'pdf', 'tab here.pdf'],
    ['nul\u0000.pdf', 'pdf', 'nul.pdf'],
    ['right\u202Eto-left.pdf', 'pdf', 'rightto-left.pdf'],
    ['zero\u200Bwidth.pdf', 'pdf', 'zerowidth.pdf'],
    ['a<b>c:d"e|f?g*.pdf', 'pdf', 'abcdefg.pdf'],
    ['...pdf', 'pdf', 'attachment.pdf'],
    ['name. .pdf', 'pdf', 'name.pdf'],
    ['photo.jpeg', 'jpeg', 'photo.jpeg'],
    ['Cafe\u0301.docx', 'docx', 'Café.docx'],
  ])('%j → %j', (raw, kind, expected) => {
    expect(sanitiseFilename(raw, kind as never)).toBe(expected);
  });

  it('keeps names within 200 characters, extension kept, never splitting a surrogate pair', () => {
    const long = sanitiseFilename(`${'x'.repeat(500)}.docx`, 'docx');
    expect(long).toHaveLength(MAX_FILENAME_LENGTH);
    expect(long.endsWith('.docx')).toBe(true);
    const emoji = sanitiseFilename(`${'😀'.repeat(150)}.pdf`, 'pdf');
    expect(emoji.length).toBeLessThanOrEqual(MAX_FILENAME_LENGTH);
    expect(emoji).toBe(`${'😀'.repeat(98)}.pdf`);
  });
});
