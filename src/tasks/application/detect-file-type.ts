import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { FileKind, kindFromExtension, kindFromSignature } from '../domain/attachment-policy';
import { UnsupportedFileTypeError } from '../domain/task-errors';

/** A docx has no business being larger than this once unpacked, nor packed more tightly than this. */
export const ZIP_LIMITS = {
  maxEntries: 5_000,
  maxTotalUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  /** Tiny parts (XML boilerplate) compress well and are harmless: the ratio counts above this size. */
  ratioFloorBytes: 1024 * 1024,
};

/**
 * The kind of an uploaded file when its content and its extension agree, else 415. A docx must be
 * a real Office zip: its central directory (only that is read; nothing is decompressed) must name
 * `[Content_Types].xml` and `word/document.xml`, and its declared sizes must not add up to a bomb.
 */
export async function detectFileType(content: Buffer, filename: string): Promise<FileKind> {
  const claimed = kindFromExtension(filename);
  if (!claimed) throw new UnsupportedFileTypeError();
  const signature = kindFromSignature(content.subarray(0, 16));
  if (signature === 'zip' && claimed === 'docx') {
    await checkWordZip(content);
    return 'docx';
  }
  if (signature !== claimed) {
    throw new UnsupportedFileTypeError(
      'The file’s content does not match its name. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.',
    );
  }
  return claimed;
}

async function checkWordZip(content: Buffer): Promise<void> {
  const entries = await centralDirectory(content);
  const names = new Set(entries.map((e) => e.fileName));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
    throw new UnsupportedFileTypeError(
      'The file is not a Word document. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.',
    );
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.maxCompressionRatio) refuseBomb();
  }
  if (total > ZIP_LIMITS.maxTotalUncompressedBytes) refuseBomb();
}

function refuseBomb(): never {
  throw new UnsupportedFileTypeError('The Word document unpacks to far more than its size, so it cannot be accepted.');
}

function centralDirectory(content: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const unreadable = () => reject(new UnsupportedFileTypeError('The Word document is damaged or not a real .docx file.'));
    fromBuffer(content, { lazyEntries: true, validateEntrySizes: true }, (error: Error | null, zip: ZipFile) => {
      if (error || !zip) return unreadable();
      const entries: Entry[] = [];
      zip.on('error', unreadable);
      zip.on('entry', (entry: Entry) => {
        entries.push(entry);
        if (entries.length > ZIP_LIMITS.maxEntries) {
          zip.close();
          reject(new UnsupportedFileTypeError('The Word document has too many parts to be a real document.'));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}
