const STORAGE_KEY = 'district-hub.api-key';

/**
 * The API key comes from the demo's printed URL (`/twin/?key=…`) or the login field and lives in
 * sessionStorage, so it survives a reload but not the browser. It is taken out of the address bar at
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
