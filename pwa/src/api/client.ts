// The one place that talks to the server: same origin, cookie session, CSRF header on writes,
// problem+json errors turned into `ApiError` whose `detail` is written for the person.

import { lang } from '../i18n';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || `HTTP ${status}`);
  }
}

/** The network could not be reached (offline, server down, timeout). */
export class NetworkError extends Error {}

const CSRF_COOKIE = 'relais_csrf';

export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

let csrfListener: ((token: string) => void) | null = null;

/** Called with each CSRF token read, so that the service worker can send the outbox too. */
export function onCsrfToken(listener: (token: string) => void): void {
  csrfListener = listener;
}

export async function csrfToken(): Promise<string> {
  let token = readCookie(CSRF_COOKIE);
  if (!token) {
    await request('GET', '/api/auth/csrf');
    token = readCookie(CSRF_COOKIE);
  }
  if (!token) throw new ApiError(403, 'csrf', '');
  csrfListener?.(token);
  return token;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
}

async function request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  // The app's language (chosen in the app, not the browser's nor the account's): what the server
  // says comes back in it, so a screen speaks one language.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': lang(),
    'x-relais-lang': lang(),
    ...options.headers,
  };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrftoken'] = await csrfToken();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError(path);
  } finally {
    clearTimeout(timer);
  }
}

export async function problemOf(response: Response): Promise<ApiError> {
  let detail = '';
  let code = '';
  let errors: FieldError[] = [];
  try {
    const data = (await response.json()) as { detail?: string; code?: string; errors?: FieldError[] };
    detail = data.detail ?? '';
    code = data.code ?? '';
    errors = data.errors ?? [];
  } catch {
    // Not JSON (a proxy's error page): the screen shows a generic message.
  }
  return new ApiError(response.status, code, detail, errors);
}

let signedOutHandler: (() => void) | null = null;

/** Who hears that the server no longer knows the session (ended by an administrator, timed
 * out): a 401 "unauthenticated" on any call. */
export function onSignedOut(handler: () => void): void {
  signedOutHandler = handler;
}

let reauthHandler: (() => Promise<boolean>) | null = null;

/** Who asks for the password again when a sensitive action needs it (the app's dialog): resolves
 * true once it was confirmed, false when the person gave up. */
export function onReauthNeeded(handler: () => Promise<boolean>): void {
  reauthHandler = handler;
}

/** Before a sensitive action the browser performs itself (a download link): ask for the password
 * first when the last one is older than the server allows. False when the person gave up. */
export async function ensureRecentAuth(): Promise<boolean> {
  const state = await api<{ confirmed_until: string | null }>('GET', '/api/auth/confirm');
  if (state.confirmed_until && Date.parse(state.confirmed_until) - Date.now() > 15_000) return true;
  return reauthHandler ? reauthHandler() : false;
}

export async function api<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  let response = await request(method, path, body, options);
  if (response.status === 403 && reauthHandler) {
    const problem = await problemOf(response.clone());
    // A sensitive action and a password given too long ago: ask for it, then try once more.
    if (problem.code === 'reauth-needed' && (await reauthHandler())) {
      response = await request(method, path, body, options);
    }
  }
  if (response.status === 403 && method !== 'GET') {
    // The CSRF cookie may have been replaced (new session): read it again once.
    const problem = await problemOf(response.clone());
    if (/csrf/i.test(problem.code + problem.detail)) {
      await request('GET', '/api/auth/csrf');
      response = await request(method, path, body, options);
    }
  }
  if (!response.ok) {
    if (response.status >= 500) throw new NetworkError(`${response.status}`);
    const problem = await problemOf(response);
    if (problem.status === 401 && problem.code === 'unauthenticated') signedOutHandler?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GET with an ETag: `null` when the server says nothing changed (304). */
export async function getIfChanged<T>(
  path: string,
  etag: string | null,
): Promise<{ data: T; etag: string | null } | null> {
  const response = await request('GET', path, undefined, {
    headers: etag ? { 'if-none-match': etag } : {},
  });
  if (response.status === 304) return null;
  if (!response.ok) {
    if (response.status >= 500) throw new NetworkError(`${response.status}`);
    throw await problemOf(response);
  }
  return { data: (await response.json()) as T, etag: response.headers.get('etag') };
}
