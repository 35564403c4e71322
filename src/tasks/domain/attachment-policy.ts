/**
 * Which files a professional may attach, judged by the file's own first bytes (its signature or
 * container) and its extension together, never by what the browser claims. No full parse.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILENAME_LENGTH = 200;

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'doc' | 'docx';

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const EXTENSIONS: Record<string, FileKind> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  doc: 'doc',
  docx: 'docx',
};

const SIGNATURES: { kind: FileKind | 'zip'; bytes: number[] }[] = [
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'doc', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // OLE2 compound file
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4: a docx is a zip, checked further
];

export function kindFromExtension(filename: string): FileKind | undefined {
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXTENSIONS[filename.slice(dot + 1).toLowerCase()];
}

/** What the first bytes say; `zip` still needs its entries checked to count as a docx. */
export function kindFromSignature(head: Buffer): FileKind | 'zip' | undefined {
  return SIGNATURES.find(({ bytes }) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b))?.kind;
}

// Control characters, every invisible and bidi format character (\p{Cf}: zero-width, word joiner,
// overrides, isolates, the Arabic letter mark) that could disguise an extension, and what Windows forbids.
const UNSAFE = /[\p{Cc}\p{Cf}<>:"|?*]/gu;

/**
 * A name safe to store, show and send back in Content-Disposition: no directories, no control or
 * direction-changing characters, at most 200 characters with the extension kept.
 */
export function sanitiseFilename(raw: string, kind: FileKind): string {
  const base = (raw.normalize('NFC').split(/[\\/]/).pop() ?? '')
    .replace(/[\t\r\n]/g, ' ')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = base.lastIndexOf('.');
  const keepsExtension = dot >= 0 && kindFromExtension(base) === kind;
  const extension = keepsExtension ? base.slice(dot) : `.${kind === 'jpeg' ? 'jpg' : kind}`;
  // No hidden files, no names that end in dots or spaces (Windows drops them).
  const trim = (stem: string) => stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const stem = trim(keepsExtension ? base.slice(0, dot) : base) || 'attachment';
  // Cut whole code points, never half a surrogate pair, within 200 UTF-16 units in all.
  const room = MAX_FILENAME_LENGTH - extension.length;
  let cut = '';
  for (const char of stem) {
    if (cut.length + char.length > room) break;
    cut += char;
  }
  return (trim(cut) || 'attachment') + extension;
}
