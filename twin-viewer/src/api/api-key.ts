const STORAGE_KEY = 'district-hub.api-key';

/**
 * The API key comes from the login field and lives in sessionStorage, so it survives a reload but not
 * the browser. A hub trades the printed URL's `?key=` for a session cookie before the page loads; a
 * `?key=` that still arrives (a server that does not trade it) is taken out of the address bar at
 * once: a key left in the URL ends up in screenshots, history and shared links.
 */
export function takeApiKey(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('key');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}

export function storeApiKey(storage: Storage, key: string): void {
  storage.setItem(STORAGE_KEY, key);
}

export function forgetApiKey(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Whether the hub already knows this browser: the session cookie it set for the printed URL's `?key=`
 * goes with every same-origin request by itself, so a page opened from that URL needs no key of its own.
 * A GET without an operation asks nothing of GraphQL: the hub answers 401 before anything else when the
 * browser holds no session, and refuses the empty request otherwise.
 */
export async function hasSession(graphqlUrl: string): Promise<boolean> {
  const response = await fetch(graphqlUrl, { headers: { accept: 'application/json' } }).catch(
    () => undefined,
  );
  return response !== undefined && response.status !== 401;
}
