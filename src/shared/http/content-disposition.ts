/**
 * `attachment` with both an ASCII fallback `filename` and the exact UTF-8 name in `filename*`
 * (RFC 6266 / RFC 8187), so every browser saves the file under its real name and never displays it.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
