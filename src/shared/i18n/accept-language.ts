import { DEFAULT_LANGUAGE, isLanguage, type Language } from './language';

/**
 * The portal language an Accept-Language header asks for most (RFC 9110 §12.5.4): `cy`, `cy-GB`
 * and `cy;q=0.9, en;q=0.8` are Welsh; anything else, a missing header included, is English.
 */
export function languageFromAcceptLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; q: number } | null = null;
  for (const part of value.slice(0, 500).split(',')) {
    const [range, ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLanguage(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
