import { Readable } from 'node:stream';
import { fromRandomAccessReader, RandomAccessReader, type Entry, type ZipFile } from 'yauzl';
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

/** How many first bytes `kindFromHead` needs (the longest signature is 8). */
export const HEAD_BYTES = 16;

/** Random access to a file's bytes: a staged upload read back from storage (or a buffer, in tests). */
export interface FileBytes {
  size: number;
  read(start: number, end: number): Readable;
}

/**
 * What the first bytes and the name agree on, else 415, before anything is stored. `docx` here means
 * "a zip named .docx": `checkWordZip` must still pass once the whole file is stored.
 */
export function kindFromHead(head: Buffer, filename: string): FileKind {
  const claimed = kindFromExtension(filename);
  if (!claimed) throw new UnsupportedFileTypeError();
  const signature = kindFromSignature(head.subarray(0, HEAD_BYTES));
  if (signature === 'zip' && claimed === 'docx') return 'docx';
  if (signature !== claimed) {
    throw new UnsupportedFileTypeError(
      'The file’s content does not match its name. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.',
    );
  }
  return claimed;
}

/**
 * The kind of a whole file when its content and its extension agree, else 415. A docx must be
 * a real Office zip: its central directory must name `[Content_Types].xml` and `word/document.xml`,
 * neither its declared sizes nor the bytes its parts really inflate to may add up to a bomb (no XML is
 * parsed; inflated bytes are only counted).
 */
export async function detectFileType(content: Buffer, filename: string): Promise<FileKind> {
  const kind = kindFromHead(content, filename);
  if (kind === 'docx') await checkWordZip({ size: content.length, read: (start, end) => Readable.from([content.subarray(start, end)]) });
  return kind;
}

/**
 * The Office checks on a stored file, read through `bytes` a range at a time (the zip's directory at
 * its end, then each part): at most one small block and one inflating part in memory, never the file.
 */
export async function checkWordZip(bytes: FileBytes): Promise<void> {
  const entries = await readZip(bytes);
  const names = new Set(entries.map((e) => e.fileName));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
    throw new UnsupportedFileTypeError(
      'The file is not a Word document. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.',
    );
  }
}

function bombError(): UnsupportedFileTypeError {
  return new UnsupportedFileTypeError('The Word document unpacks to far more than its size, so it cannot be accepted.');
}

function tooManyParts(): UnsupportedFileTypeError {
  return new UnsupportedFileTypeError('The Word document has too many parts to be a real document.');
}

function unreadable(): UnsupportedFileTypeError {
  return new UnsupportedFileTypeError('The Word document is damaged or not a real .docx file.');
}

/** A compressed part larger than the floor may not unpack to more than `maxCompressionRatio` times its size. */
function tooTight(uncompressed: number, compressed: number): boolean {
  return uncompressed > ZIP_LIMITS.ratioFloorBytes && uncompressed / Math.max(compressed, 1) > ZIP_LIMITS.maxCompressionRatio;
}

/**
 * Reads the zip's directory, refusing what its declared sizes show to be a bomb, then inflates every
 * part and counts the bytes that really come out, stopping at the caps: a central directory that
 * under-declares its sizes (150 KiB "of 1 KiB parts" that inflate to 150 MiB) must not pass. Nothing
 * inflated is kept; at most `maxTotalUncompressedBytes` are ever produced.
 */
function readZip(bytes: FileBytes): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const reader = new BlockReader(bytes);
    fromRandomAccessReader(reader, bytes.size, { lazyEntries: true, validateEntrySizes: true }, (error: Error | null, zip: ZipFile) => {
      if (error || !zip) return fail(unreadable());
      const entries: Entry[] = [];
      let declaredTotal = 0;
      let inflatedTotal = 0;
      const stop = (error: Error) => {
        zip.close();
        fail(error);
      };
      zip.on('error', () => fail(unreadable()));
      // The directory's end record counts the parts: too many is refused before any part is opened
      // (opening thousands of empty parts costs seconds of CPU for nothing).
      if (zip.entryCount > ZIP_LIMITS.maxEntries) return stop(tooManyParts());
      zip.on('entry', (entry: Entry) => {
        if (settled) return;
        entries.push(entry);
        if (entries.length > ZIP_LIMITS.maxEntries) {
          return stop(tooManyParts());
        }
        declaredTotal += entry.uncompressedSize;
        if (tooTight(entry.uncompressedSize, entry.compressedSize) || declaredTotal > ZIP_LIMITS.maxTotalUncompressedBytes) {
          return stop(bombError());
        }
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return stop(unreadable());
          let inflated = 0;
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            inflatedTotal += chunk.length;
            if (inflatedTotal > ZIP_LIMITS.maxTotalUncompressedBytes || tooTight(inflated, entry.compressedSize)) {
              stream.destroy();
              stop(bombError());
            }
          });
          // yauzl's size validation: more (or fewer) bytes than the directory declared is an error.
          stream.on('error', () => stop(unreadable()));
          stream.on('end', () => {
            if (!settled) zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(entries);
      });
      zip.readEntry();
    });
  });
}

/** Reads within one block are served from the last block fetched (yauzl reads headers a few bytes at a time). */
const BLOCK_BYTES = 64 * 1024;

class BlockReader extends RandomAccessReader {
  private block?: { start: number; bytes: Promise<Buffer> };

  constructor(private readonly bytes: FileBytes) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const blockStart = Math.floor(start / BLOCK_BYTES) * BLOCK_BYTES;
    // A part's compressed data and the directory's tail span blocks: streamed straight from storage.
    if (end > blockStart + BLOCK_BYTES) return this.bytes.read(start, end);
    if (this.block?.start !== blockStart) {
      const fetched = collect(this.bytes.read(blockStart, Math.min(blockStart + BLOCK_BYTES, this.bytes.size)));
      // A block replaced before anyone read it must not fail as an unhandled rejection; readers still see the error.
      fetched.catch(() => undefined);
      this.block = { start: blockStart, bytes: fetched };
    }
    const block = this.block.bytes;
    return Readable.from(
      (async function* () {
        yield (await block).subarray(start - blockStart, end - blockStart);
      })(),
      { objectMode: false },
    );
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
