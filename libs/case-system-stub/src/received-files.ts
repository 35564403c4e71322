import { ReceivedFile } from './streaming-body';

/** What the stub knows of a stored contribution's files, whether or not it kept their bytes. */
export interface FileFacts {
  size: number;
  sha256: string;
}

const FACTS = Symbol('received files');

/**
 * A validated body as tests read it: each file field (`contentBase64`, `pdfBase64`) answers its
 * base64 text again, made from the kept bytes only when read (undefined when the stub keeps no
 * bytes), so a stored 270 MB contribution costs its bytes, not a third more as strings.
 */
export function exposeFiles(body: Record<string, unknown>): Record<string, unknown> {
  const facts: { pdf?: FileFacts; attachments: FileFacts[] } = { attachments: [] };
  const expose = (holder: Record<string, unknown>, key: string): FileFacts | undefined => {
    const file = holder[key];
    if (!(file instanceof ReceivedFile)) return undefined;
    Object.defineProperty(holder, key, { enumerable: true, configurable: true, get: () => file.content?.toString('base64') });
    return { size: file.size, sha256: file.sha256 };
  };
  facts.pdf = expose(body, 'pdfBase64');
  if (Array.isArray(body.attachments))
    for (const a of body.attachments as Record<string, unknown>[]) facts.attachments.push(expose(a, 'contentBase64')!);
  Object.defineProperty(body, FACTS, { enumerable: false, value: facts });
  return body;
}

export function fileFactsOf(body: unknown): { pdf?: FileFacts; attachments: FileFacts[] } | undefined {
  return (body as { [FACTS]?: { pdf?: FileFacts; attachments: FileFacts[] } })?.[FACTS];
}
