/**
 * The pages a UK council must publish about the portal (issue 23): the accessibility statement
 * (Public Sector Bodies Accessibility Regulations 2018) and the privacy notice. Each is a Markdown
 * file per language that the council edits: its own copy in PUBLIC_PAGES_DIR when there is one,
 * else the defaults shipped in content/public-pages (true of this portal as it is).
 *
 * A file starts with a front matter block (title, prepared, reviewed); `{{councilName}}`,
 * `{{supportEmail}}`, `{{supportPhone}}`, `{{supportHours}}`, `{{prepared}}` and `{{reviewed}}` are
 * filled in, and a line whose placeholder has no value (no helpdesk phone configured) is left out.
 * Raw HTML in a file is shown as text, never as markup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { formatDateIn } from '../shared/i18n/dates';
import type { Language } from '../shared/i18n/language';

export const PUBLIC_PAGES = ['accessibility-statement', 'privacy-notice'] as const;
export type PublicPageSlug = (typeof PUBLIC_PAGES)[number];

export interface PublicPage {
  slug: PublicPageSlug;
  language: Language;
  title: string;
  /** The body as HTML (headings, paragraphs, lists, links). */
  html: string;
  /** ISO date the council last reviewed the page. */
  reviewed: string | null;
}

export interface PublicPageSettings {
  councilName: string;
  supportEmail: string;
  supportPhone?: string;
  supportHours?: string;
  /** The council's own copies; files it lacks come from the defaults. */
  directory?: string;
}

export const DEFAULT_PUBLIC_PAGES_DIR = join(__dirname, '..', '..', '..', 'content', 'public-pages');

function defaultsDir(): string {
  // From src/ under ts-node/jest and from dist/src/ once built: look for the shipped folder upwards.
  for (const candidate of [join(__dirname, '..', '..', 'content', 'public-pages'), DEFAULT_PUBLIC_PAGES_DIR]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('content/public-pages is missing from the installation');
}

export function isPublicPageSlug(value: string): value is PublicPageSlug {
  return (PUBLIC_PAGES as readonly string[]).includes(value);
}

export function loadPublicPage(slug: PublicPageSlug, language: Language, settings: PublicPageSettings): PublicPage {
  const name = `${slug}.${language}.md`;
  const own = settings.directory ? join(settings.directory, name) : undefined;
  const file = own && existsSync(own) ? own : join(defaultsDir(), name);
  return renderPublicPage(slug, language, readFileSync(file, 'utf8'), settings);
}

export function renderPublicPage(
  slug: PublicPageSlug,
  language: Language,
  source: string,
  settings: PublicPageSettings,
): PublicPage {
  const { meta, body } = frontMatter(source);
  const date = (iso: string | undefined) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDateIn(language, iso) : '');
  const values: Record<string, string> = {
    councilName: settings.councilName,
    supportEmail: settings.supportEmail,
    supportPhone: settings.supportPhone ?? '',
    supportHours: settings.supportHours ?? '',
    prepared: date(meta.prepared),
    reviewed: date(meta.reviewed),
  };
  const filled = body
    .split('\n')
    .filter(
      (line) => !/\{\{(\w+)\}\}/.test(line) || [...line.matchAll(/\{\{(\w+)\}\}/g)].every((m) => (values[m[1]] ?? '') !== ''),
    )
    .map((line) => line.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole))
    .join('\n');
  // Markup in the file is text: escape it before Markdown sees it (entities pass through as such).
  const escaped = filled
    .replace(/&(?![a-z]+;|#\d+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  const html = marked.parse(escaped.replace(/^&gt;/gm, '>'), { async: false, gfm: true }) as string;
  return {
    slug,
    language,
    title: (meta.title ?? slug).replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole),
    html,
    reviewed: meta.reviewed ?? null,
  };
}

function frontMatter(source: string): { meta: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { meta: {}, body: source };
  const meta: Record<string, string> = {};
  for (const line of match[1].split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) meta[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { meta, body: source.slice(match[0].length) };
}
