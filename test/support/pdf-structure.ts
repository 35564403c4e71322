/**
 * What makes a PDF an accessible, archival record (issue 23), read with pdfjs-dist in a child
 * process (pdf-structure-extract.mjs): its language, title, tagged flag, structure tree and XMP.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'pdf-structure-extract.mjs');

export interface StructureNode {
  role: string;
  children: StructureNode[];
  /** Marked-content pieces directly under this node. */
  contentCount: number;
}

export interface PdfFacts {
  /** The catalog's /Lang. */
  language: string | null;
  title: string | null;
  /** /MarkInfo /Marked true: the file says it is tagged. */
  marked: boolean;
  /** Each page's structure tree as PDF.js reads it (null for a page without one). */
  structure: (StructureNode | null)[];
  /** The XMP metadata (PDF/A identification lives there). */
  xmp: string | null;
}

export function pdfFacts(pdf: Buffer): PdfFacts {
  const out = execFileSync(process.execPath, [SCRIPT], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out) as PdfFacts;
}

/** Every role in a structure tree, depth first. */
export function roles(node: StructureNode | null): string[] {
  if (!node) return [];
  return [node.role, ...node.children.flatMap(roles)];
}
