import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';

/** Paths the API, docs and probes own; everything else without a file extension is a client route. */
const SERVER_PATHS = /^\/(api|docs|health|metrics)(\/|$)/;

/**
 * Serves the built web client (web/dist) at `/`: its files as they are, and index.html for the
 * client-side routes (/login, /tasks/…), so deep links and reloads work.
 */
/** What every page shows of the deployment's configuration: the council, and its helpdesk (API.md "Running it"). */
export interface WebClientSettings {
  councilName: string;
  supportEmail: string;
  supportPhone?: string;
  supportHours?: string;
}

const META: Record<string, keyof WebClientSettings> = {
  'portal:council-name': 'councilName',
  'portal:support-email': 'supportEmail',
  'portal:support-phone': 'supportPhone',
  'portal:support-hours': 'supportHours',
};

export async function serveWebClient(app: NestFastifyApplication, dir: string, settings: WebClientSettings): Promise<void> {
  // The client reads these from meta tags in the page itself (escaped: they are configuration, not
  // markup), so the sign-in page shows the helpdesk before any request, even when the API is down.
  let indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const [name, key] of Object.entries(META)) {
    indexHtml = indexHtml.replace(
      new RegExp(`<meta name="${name}" content="[^"]*"`),
      `<meta name="${name}" content="${escapeHtml(settings[key] ?? '')}"`,
    );
  }
  await app.register(fastifyStatic as never, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    maxAge: '1h',
    // @fastify/static passes Fastify's reply here. Vite fingerprints everything under assets/,
    // so those may be cached for good.
    setHeaders: (reply: { header(n: string, v: string): void }, path: string) => {
      if (path.includes(`${join('/', 'assets', '/')}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  } as never);
  app
    .getHttpAdapter()
    .getInstance()
    // Runs before every request, so API calls leave at the first test (and no promise is made).
    .addHook('onRequest', (request, reply, done) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url.startsWith('/api/')) return done();
      const path = request.url.split('?')[0];
      if (SERVER_PATHS.test(path) || /\.[a-z0-9]+$/i.test(path)) return done();
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
