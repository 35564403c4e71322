import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMAILS } from '../../notifications/application/emails';
import { languageFromAcceptLanguage } from './accept-language';
import { CATALOGUES, translate } from './messages';
import { problemText } from './problem-language';
import { WELSH_PROBLEM_TEXTS } from './problem-texts.cy';
import { en } from './messages/en';

describe('the server message catalogues', () => {
  it('has every English key in Welsh, with a non-empty message, and nothing else', () => {
    const english = Object.keys(en).sort();
    expect(Object.keys(CATALOGUES.cy).sort()).toEqual(english);
    for (const key of english) expect(CATALOGUES.cy[key as keyof typeof en].trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(CATALOGUES.cy[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('cy', 'pdf.pageOf', { page: 2, pages: 3 })).toBe('Tudalen 2 o 3');
    expect(translate('en', 'pdf.pageOf', { page: 2 })).toBe('Page 2 of {pages}');
  });
});

describe('the web client message catalogues', () => {
  it('has every English key in Welsh, with a non-empty message, and the same placeholders', async () => {
    const { en: webEn } = await import('../../../web/src/i18n/messages/en');
    const { cy: webCy } = await import('../../../web/src/i18n/messages/cy');
    expect(Object.keys(webCy).sort()).toEqual(Object.keys(webEn).sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(webEn) as (keyof typeof webEn)[]) {
      expect(webCy[key].trim()).not.toBe('');
      expect([key, placeholders(webCy[key])]).toEqual([key, placeholders(webEn[key])]);
    }
  });
});

describe('the web client message keys in use', () => {
  // The web code quoted, catalogues aside: every key is named somewhere as '<key>', so none is left
  // untranslated because it was never wired to a page, and none lingers after its page changed.
  const webSource = (dir: string): string =>
    readdirSync(dir, { withFileTypes: true })
      .map((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return path.endsWith(join('i18n', 'messages')) ? '' : webSource(path);
        return /\.tsx?$/.test(entry.name) ? readFileSync(path, 'utf8') : '';
      })
      .join('\n');

  it('names every catalogue key in the web code', async () => {
    const { en: webEn } = await import('../../../web/src/i18n/messages/en');
    const code = webSource(join(__dirname, '..', '..', '..', 'web', 'src'));
    expect(Object.keys(webEn).filter((key) => !code.includes(`'${key}'`))).toEqual([]);
  });
});

describe('the email templates', () => {
  const dir = join(__dirname, '..', '..', 'notifications', 'templates');
  // The values and helpers a template uses (`{{emailDate dueDate}}` -> emailDate dueDate), and the
  // partials it includes in their language-neutral name (`links.cy.html` -> links.html).
  const uses = (file: string) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/\{\{([#/>]?)\s*([^}]*?)\s*\}\}/g)]
      .map(([, sigil, body]) => sigil + body.replace(/\.cy\./g, '.'))
      .sort();

  it('has a Welsh subject and a Welsh text and HTML template for every email', () => {
    for (const [name, email] of Object.entries(EMAILS)) {
      expect([name, email.subjectCy.trim()]).not.toEqual([name, '']);
      for (const kind of ['text', 'html']) {
        expect([name, existsSync(join(dir, `${name}.cy.${kind}.hbs`))]).toEqual([name, true]);
      }
    }
  });

  it('uses the same values, helpers and partials in both languages', () => {
    for (const name of Object.keys(EMAILS)) {
      for (const kind of ['text', 'html']) {
        expect([name, kind, uses(`${name}.cy.${kind}.hbs`)]).toEqual([name, kind, uses(`${name}.${kind}.hbs`)]);
      }
    }
  });

  it('has a Welsh version of every partial', () => {
    const partials = readdirSync(join(dir, 'partials'));
    for (const file of partials.filter((f) => !f.includes('.cy.'))) {
      expect(partials).toContain(file.replace(/\.(text|html)\.hbs$/, '.cy.$1.hbs'));
    }
  });
});

describe('the Welsh of the API problems', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
    });
  // Every title (`super('code', 'kind', 'Title'`, `problem(404, 'code', 'Title'`) and every fixed
  // detail (`detail: '…'`) written in the server's code.
  const written = sources(join(__dirname, '..', '..')).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found = [
      ...text.matchAll(/super\(\s*'[a-z_]+',\s*'[a-z_]+',\s*'([^']+)'/g),
      ...text.matchAll(/problem\(\d+, '[a-z_]+', '([^']+)'/g),
      ...text.matchAll(/detail:\s*'([^']+)'/g),
      ...text.matchAll(/(?:WeakPassword|UnsupportedFileType|InvalidTarget|InvalidReviewer|NotFound)Error\(\s*'([^']+)'/g),
    ];
    return found.map((match) => match[1]);
  });

  it('finds the texts it checks', () => {
    expect(written).toContain('The form is not ready to submit');
    expect(written.length).toBeGreaterThan(60);
  });

  it('has Welsh for every fixed title and detail the API writes, and no empty Welsh', () => {
    const missing = [...new Set(written)].filter((english) => problemText('cy', english) === english);
    expect(missing).toEqual([]);
    for (const welsh of Object.values(WELSH_PROBLEM_TEXTS)) expect(welsh.trim()).not.toBe('');
  });

  it('fills the values of texts that carry them', () => {
    expect(problemText('cy', 'Wait 42 seconds before asking for another code.')).toBe(
      'Arhoswch 42 eiliad cyn gofyn am god arall.',
    );
    expect(problemText('en', 'Not found')).toBe('Not found');
    expect(problemText('cy', 'A text nobody translated')).toBe('A text nobody translated');
  });

  it.each([
    [undefined, 'en'],
    ['cy', 'cy'],
    ['cy-GB,en;q=0.8', 'cy'],
    ['en-GB,en;q=0.9,cy;q=0.8', 'en'],
    ['fr,cy;q=0.5', 'cy'],
    ['fr', 'en'],
    ['cy;q=0, en', 'en'],
    [['en;q=0.1', 'CY'], 'cy'],
  ])('reads Accept-Language %j as %s', (header, language) => {
    expect(languageFromAcceptLanguage(header)).toBe(language);
  });
});
