/**
 * Reads a PDF from stdin and writes, as JSON, what makes it an accessible, archival record: the
 * catalog's /Lang, the title, whether it is marked as tagged, each page's structure tree and the
 * XMP metadata (PDF/A identification). pdfjs-dist, in a child process for the same reason as
 * pdf-text-extract.mjs (an ES module that jest's CommonJS runtime cannot load).
 */
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

function node(raw) {
  const children = (raw.children ?? []).filter((child) => child.role !== undefined).map(node);
  const contentCount = (raw.children ?? []).filter((child) => child.type === 'content').length;
  return { role: raw.role ?? 'Root', children, contentCount };
}

const doc = await getDocument({ data: await readStdin(), verbosity: 0, isEvalSupported: false }).promise;
const meta = await doc.getMetadata();
const markInfo = await doc.getMarkInfo();
const structure = [];
for (let n = 1; n <= doc.numPages; n++) {
  const tree = await (await doc.getPage(n)).getStructTree();
  structure.push(tree ? node(tree) : null);
}
process.stdout.write(
  JSON.stringify({
    language: typeof meta.info.Language === 'string' ? meta.info.Language : null,
    title: typeof meta.info.Title === 'string' ? meta.info.Title : null,
    marked: markInfo?.Marked === true,
    structure,
    xmp: meta.metadata ? meta.metadata.getRaw() : null,
  }),
);
await doc.destroy();
