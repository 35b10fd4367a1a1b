import type { IncomingHttpHeaders } from 'node:http';

/**
 * The cookie a browser holds a key in once it exchanged `?key=` for it (see key-exchange.ts). HttpOnly
 * keeps it from page scripts, SameSite=Strict keeps other sites' pages from making the browser send
 * it, and CSRF prevention on `/graphql` refuses the requests a page could still forge.
 */
export const SESSION_COOKIE = 'hub_key';

/** The key in the session cookie of a `Cookie` header, if any. */
export function sessionKey(cookieHeader: string | undefined): string | undefined {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** `Set-Cookie` for the session cookie; Secure when the page was reached over HTTPS. */
export function sessionCookie(key: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(key)}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * The credential a request presents, as an `Authorization` value: the header a tool sends, else the
 * session cookie a browser sends. `fromCookie` tells callers that must check the origin (WebSocket
 * upgrades, which no CSRF prevention covers).
 */
export function presentedCredential(headers: IncomingHttpHeaders): {
  authorization: string | undefined;
  fromCookie: boolean;
} {
  if (headers.authorization) return { authorization: headers.authorization, fromCookie: false };
  const key = sessionKey(headers.cookie);
  return { authorization: key ? `Bearer ${key}` : undefined, fromCookie: key !== undefined };
}
