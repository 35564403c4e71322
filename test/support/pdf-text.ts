/**
 * A PDF's text layer, laid out as `pdftotext -layout` does (lines by baseline, pages ended by form
 * feeds), and its document information, as `pdfinfo` prints it. Pure JavaScript (pdfjs-dist in a
 * child Node process, see pdf-text-extract.mjs): no poppler-utils needed to run the tests.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'pdf-text-extract.mjs');

function run(pdf: Buffer, args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, ...args], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The child is plain Node: jest's flags (--experimental-vm-modules) are not needed there.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

/** The text layer: one line per baseline, a blank line for a paragraph gap, `\f` after each page. */
export function pdfText(pdf: Buffer): string {
  return run(pdf, []);
}

/** The document information dictionary as `Key: value` lines (Title, Author, CreationDate, ...). */
export function pdfInfo(pdf: Buffer): string {
  return run(pdf, ['--info']);
}
