/**
 * The configuration schema stays true: .env.example is what it generates, every variable the code
 * reads is in it (and nothing it lists is unread), and README's configuration table names them all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_VARIABLES, renderEnvExample } from './environment-variables';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Names read as `process.env.NAME`, `env.NAME`, `env['NAME']` or through a `(env, 'NAME'` helper. */
function variablesReadBy(files: string[]): Set<string> {
  const patterns = [/\benv\.([A-Z][A-Z0-9_]+)\b/g, /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g, /\(env, '([A-Z][A-Z0-9_]+)'/g];
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]);
  }
  return names;
}

describe('the configuration schema', () => {
  const listed = ENVIRONMENT_VARIABLES.map((v) => v.name);

  it('.env.example is generated from it (run `npm run env:example` after changing the schema)', () => {
    expect(readFileSync(join(ROOT, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('lists each variable once', () => {
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('lists every variable the portal reads, and reads every variable it lists', () => {
    const read = variablesReadBy(sourceFiles(join(ROOT, 'src')));
    expect([...read].filter((name) => !listed.includes(name)).sort()).toEqual([]);
    const byLibraries = ENVIRONMENT_VARIABLES.filter((v) => v.readBy).map((v) => v.name);
    expect(listed.filter((name) => !read.has(name) && !byLibraries.includes(name))).toEqual([]);
  });

  it("is README's configuration table", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    expect(listed.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });
});
