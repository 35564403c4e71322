import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.PORTAL_API_URL ?? 'http://localhost:3200';

/**
 * The council's service is not a GOV.UK service, so it must not use the GDS Transport typeface or
 * the crest (GOV.UK brand rules). The compiled govuk-frontend CSS references both: drop the font
 * faces, fall back to Arial, and drop the crest image that we never show.
 */
function councilBranding(): Plugin {
  return {
    name: 'portal-council-branding',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('govuk-frontend') || !id.split('?')[0]!.endsWith('.css')) return null;
      return code
        .replace(/@font-face\{[^}]*\}/g, '')
        .replace(/font-family:\s*"?GDS Transport"?,\s*/g, 'font-family:')
        .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none');
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  plugins: [councilBranding()],
  // govuk-frontend still carries old IE-only media hacks (`\\0`); let the minifier drop them.
  css: { lightningcss: { errorRecovery: true } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: { '@form-schema': fileURLToPath(new URL('../libs/form-schema/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': backend, '/health': backend } },
  preview: { port: 4173, proxy: { '/api': backend, '/health': backend } },
});
