import { request } from './assay-server';

type Answer = { status: number; body: any; headers: Headers };

/** The `assay_session` cookie a response sets ('' when it clears it), or undefined when it sets none. */
export function sessionCookieOf(headers: Headers): { value: string; attributes: string } | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith('assay_session='));
  if (!line) return undefined;
  const [pair = '', ...attributes] = line.split(';');
  return { value: pair.slice('assay_session='.length), attributes: attributes.map((a) => a.trim()).join('; ') };
}

/**
 * A browser, in effect: keeps the session cookie a response sets and sends it back, with the
 * session's CSRF token on changes (unless told otherwise).
 */
export class Browser {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly url: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = `assay_session=${this.cookie}`;
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (csrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = csrf;
    const answer = await request(this.url, method, path, headers, body);
    const set = sessionCookieOf(answer.headers);
    if (set) this.cookie = set.value || undefined;
    if (answer.body?.data?.csrfToken) this.csrfToken = answer.body.data.csrfToken;
    return answer;
  }

  async signIn(email: string, password: string): Promise<Answer> {
    return this.call('POST', '/v1/auth/sign-in', { email, password });
  }
}

/** Signs in a new browser; throws unless it worked. */
export async function signedIn(url: string, email: string, password: string): Promise<Browser> {
  const browser = new Browser(url);
  const answer = await browser.signIn(email, password);
  if (answer.status !== 200) throw new Error(`sign-in as ${email} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return browser;
}
