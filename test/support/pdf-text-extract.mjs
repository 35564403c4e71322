/**
 * Reads a PDF from stdin and writes its text layer to stdout the way `pdftotext -layout` lays it out
 * (what the case system indexes): one output line per baseline, items on a line in reading order
 * separated by blanks, a blank line where the page leaves a gap taller than a line, and a form feed
 * after every page. With `--info` it writes the document information instead (`Title: ...`), like
 * `pdfinfo`. Pure JavaScript (pdfjs-dist), so `npm test` needs no system package.
 *
 * It runs as a child process (test/support/pdf-text.ts) because pdfjs-dist is an ES module that
 * jest's CommonJS runtime cannot load without extra Node flags, and the callers want a plain string.
 */
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Items whose baselines are this close (in points) are one line, as pdftotext treats them. */
const SAME_LINE = 2;

function pageText(items) {
  const runs = items
    .filter((item) => typeof item.str === 'string' && item.str !== '')
    .map((item) => ({
      str: item.str,
      x: item.transform[4],
      y: item.transform[5],
      width: item.width,
      size: Math.hypot(item.transform[2], item.transform[3]) || item.height || 10,
    }));
  // Top of the page first (PDF coordinates grow upwards), then left to right.
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines = [];
  for (const run of runs) {
    const line = lines.find((l) => Math.abs(l.y - run.y) <= SAME_LINE);
    if (line) line.runs.push(run);
    else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  lines.sort((a, b) => b.y - a.y);
  const out = [];
  let previous;
  for (const line of lines) {
    if (previous !== undefined) {
      // pdftotext -layout keeps vertical white space as empty lines: a paragraph break shows as one.
      const gap = previous.y - line.y;
      if (gap > 1.8 * Math.max(previous.size, line.size)) out.push('');
    }
    line.runs.sort((a, b) => a.x - b.x);
    let text = '';
    let end;
    for (const run of line.runs) {
      if (end !== undefined) {
        const space = run.x - end;
        // A gap wider than a space is a column boundary: keep it visible as several blanks.
        if (space > run.size * 0.15) text += ' '.repeat(Math.max(1, Math.round(space / (run.size * 0.5))));
      }
      text += run.str;
      end = run.x + run.width;
    }
    out.push(text.replace(/\s+$/, ''));
    previous = line;
  }
  return `${out.join('\n')}\n\f`;
}

async function main() {
  const data = await readStdin();
  const document = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  if (process.argv.includes('--info')) {
    const { info } = await document.getMetadata();
    for (const [key, value] of Object.entries(info ?? {})) {
      if (typeof value === 'string') process.stdout.write(`${key}: ${value}\n`);
    }
    process.stdout.write(`Pages: ${document.numPages}\n`);
  } else {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      process.stdout.write(pageText(content.items));
      page.cleanup();
    }
  }
  await document.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
