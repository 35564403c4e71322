import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatEmailDate } from '../../shared/dates';
import { formatDateIn, formatDateTimeIn } from '../../shared/i18n/dates';
import { safeText } from '../domain/safe-text';
import { EMAILS, EmailLanguage, EmailName, EmailRenderer, RenderedEmail } from '../application/emails';

/** Beside the compiled code: nest-cli.json copies the templates into dist next to this file's folder. */
const TEMPLATES = join(__dirname, '..', 'templates');

type Template = Handlebars.TemplateDelegate<Record<string, string>>;
type HelperOptions = { data?: { root?: Record<string, unknown> } };

/**
 * Handlebars (the engine @nestjs-modules/mailer's adapter uses) over the template files. Two
 * environments: HTML templates escape every value (`{{value}}`; nothing is written with `{{{ }}}`),
 * plain-text ones leave them as they are (an `&amp;` would be wrong there). What a person typed goes
 * through the `safe` helper in both. Strict: a value a
 * template names but was not given is an error, not an empty string. Every template is compiled at
 * start, so a broken or missing one stops the portal instead of an email.
 */
export class HandlebarsEmailRenderer extends EmailRenderer {
  private readonly text = new Map<EmailName, Template>();
  private readonly html = new Map<EmailName, Template>();
  /** Welsh templates, for the emails that have them (issue 23). */
  private readonly textCy = new Map<EmailName, Template>();
  private readonly htmlCy = new Map<EmailName, Template>();

  constructor(dir = TEMPLATES) {
    super();
    const textEngine = engine(dir, '.text.hbs');
    const htmlEngine = engine(dir, '.html.hbs');
    for (const name of Object.keys(EMAILS) as EmailName[]) {
      this.text.set(name, compile(textEngine, dir, `${name}.text.hbs`, { noEscape: true }));
      this.html.set(name, compile(htmlEngine, dir, `${name}.html.hbs`, {}));
      if ('subjectCy' in EMAILS[name]) {
        // An email that says it speaks Welsh must have both Welsh templates: checked at start.
        this.textCy.set(name, compile(textEngine, dir, `${name}.cy.text.hbs`, { noEscape: true }));
        this.htmlCy.set(name, compile(htmlEngine, dir, `${name}.cy.html.hbs`, {}));
      }
    }
  }

  render(name: EmailName, context: Record<string, string>, language: EmailLanguage = 'en'): RenderedEmail {
    // Strict mode does not reach a helper's arguments (`{{safe groupName}}`): check the values here.
    const missing = (EMAILS[name].values as readonly string[]).filter((value) => context[value] === undefined);
    if (missing.length) throw new Error(`email ${name} needs ${missing.join(', ')}`);
    const email: { subject: string; subjectCy?: string } = EMAILS[name];
    const welsh = language === 'cy' && this.textCy.has(name);
    const data = { ...context, language: welsh ? 'cy' : 'en', subject: welsh ? email.subjectCy! : email.subject };
    const text = (welsh ? this.textCy : this.text).get(name)!;
    const html = (welsh ? this.htmlCy : this.html).get(name)!;
    // A template file ends with a newline; the body does not.
    return { text: text(data).replace(/\n$/, ''), html: html(data) };
  }
}

function engine(dir: string, suffix: string): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('emailDate', function (this: unknown, isoDate: unknown, options: HelperOptions) {
    const language = options?.data?.root?.language === 'cy' ? 'cy' : 'en';
    return language === 'cy' ? formatDateIn('cy', String(isoDate)) : formatEmailDate(String(isoDate));
  });
  // An ISO instant as DD-Mon-YYYY HH:mm in the email's language and the portal's time zone.
  hb.registerHelper('dateTime', (iso: unknown, options: HelperOptions) => {
    const root = options?.data?.root ?? {};
    const language = root.language === 'cy' ? 'cy' : 'en';
    const instant = new Date(String(iso));
    // Not an instant (a caller's mistake): shown as given rather than failing the email.
    if (Number.isNaN(instant.getTime())) return String(iso);
    return formatDateTimeIn(language, instant, typeof root.timeZone === 'string' ? root.timeZone : 'Europe/London');
  });
  // A value of one item per line, as a list to walk with #each (empty lines left out).
  hb.registerHelper('lines', (value: unknown) => String(value ?? '').split('\n').filter((line) => line.trim() !== ''));
  // Every value a person typed (a colleague's name, a group's name) is written `{{safe value}}`: one
  // line, and nothing a mail client would turn into a link (see safe-text.ts). In HTML the result
  // is escaped as well.
  hb.registerHelper('safe', (value: unknown) => safeText(typeof value === 'string' ? value : String(value ?? '')));
  for (const file of readdirSync(join(dir, 'partials'))) {
    if (file.endsWith(suffix)) hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, 'partials', file), 'utf8'));
  }
  return hb;
}

function compile(hb: typeof Handlebars, dir: string, file: string, options: { noEscape?: boolean }): Template {
  const template = hb.compile<Record<string, string>>(readFileSync(join(dir, file), 'utf8'), { strict: true, ...options });
  return template;
}
