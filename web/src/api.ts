/** The only way the client talks to the server: JSON over fetch, problem+json errors, CSRF header. */
import type { components } from './api-types';
import { currentLanguage, translate } from './i18n/language';

type Schemas = components['schemas'];

export const API_BASE = '/api/v1';

/** One entry of a problem's `errors`: a field path, an answer error or a prefill error (openapi.json). */
export type FieldProblem = Partial<Schemas['FieldError']> &
  Partial<Schemas['AnswerErrorDto']> &
  Partial<Schemas['PrefillError']> & { message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const title = typeof body.title === 'string' ? body.title : translate(currentLanguage(), 'api.somethingWrong');
    super(title);
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : `http_${status}`;
    this.title = title;
    this.detail = typeof body.detail === 'string' ? body.detail : undefined;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
    this.body = body;
  }
}

/** Routes that ignore the session: their 401s are answers, not a sign that the session ended. */
const PUBLIC_PREFIXES = ['/registrations', '/auth/login', '/password-resets'];

type UnauthorizedListener = (error: ApiError) => void;
type ActivityListener = () => void;
let onUnauthorized: UnauthorizedListener = () => undefined;
let onActivity: ActivityListener = () => undefined;

/** The session layer learns here of a dead session (401) and of requests that kept it alive. */
export function setSessionHooks(hooks: { unauthorized: UnauthorizedListener; activity: ActivityListener }): void {
  onUnauthorized = hooks.unauthorized;
  onActivity = hooks.activity;
}

let clockSkewMs = 0;

/** How far the server's clock is ahead of this browser's (from the last response's Date header). */
export function serverClockSkew(): number {
  return clockSkewMs;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not report a 401 to the session layer (used by the session probe itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  // Problems come back in the interface's language (a signed-in account's preferredLanguage wins).
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage() === 'cy' ? 'cy, en;q=0.5' : 'en-GB, en;q=0.9',
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const csrf = readCookie('portal_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, {
      code: 'network_error',
      title: translate(currentLanguage(), 'api.networkTitle'),
      detail: translate(currentLanguage(), 'api.networkDetail'),
    });
  }

  const dateHeader = response.headers.get('date');
  if (dateHeader) {
    const serverNow = Date.parse(dateHeader);
    if (!Number.isNaN(serverNow)) clockSkewMs = serverNow - Date.now();
  }
  const isPublic = PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
  if (response.ok) {
    const touchless = options.query?.touch === false || options.query?.touch === 'false';
    if (!isPublic && !touchless) onActivity();
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  let problem: Record<string, unknown>;
  try {
    const text = await response.text();
    problem = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    problem = {};
  }
  if (!problem.title) problem.title = defaultTitle(response.status);
  const error = new ApiError(response.status, problem);
  if (response.status === 401 && !isPublic && !options.quiet401) onUnauthorized(error);
  throw error;
}

function defaultTitle(status: number): string {
  const say = (key: Parameters<typeof translate>[1]) => translate(currentLanguage(), key);
  if (status === 413) return say('api.tooLarge');
  if (status === 415) return say('api.fileType');
  if (status === 429) return say('api.tooMany');
  if (status >= 500) return say('api.serverProblem');
  return say('api.somethingWrong');
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
