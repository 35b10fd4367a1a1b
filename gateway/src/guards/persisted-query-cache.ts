import type { KeyValueCache } from '@apollo/utils.keyvaluecache';

/** Apollo prefixes the keys of its APQ cache with this. */
const APQ_PREFIX = 'apq:';

/**
 * The APQ store Apollo reads and writes: trusted documents first (always present, never evicted), then
 * queries clients registered at run time, bounded so unknown clients cannot grow memory without limit.
 * Per process: a replica that misses answers PERSISTED_QUERY_NOT_FOUND and the client re-sends the text.
 */
export function createPersistedQueryCache(
  trusted: Map<string, string>,
  maxEntries = 2_000,
): KeyValueCache<string> {
  const registered = new Map<string, string>();
  const hashOf = (key: string) => (key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key);
  return {
    async get(key) {
      const hash = hashOf(key);
      return trusted.get(hash) ?? registered.get(hash);
    },
    async set(key, value) {
      const hash = hashOf(key);
      if (trusted.has(hash)) return;
      registered.delete(hash);
      registered.set(hash, value);
      if (registered.size > maxEntries) registered.delete(registered.keys().next().value as string);
    },
    async delete(key) {
      return registered.delete(hashOf(key));
    },
  };
}
