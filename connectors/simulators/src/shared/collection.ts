/**
 * An in-memory table of a simulated system's records with the two things every field API offers:
 * change-time order (`updatedAt`, then id) for incremental reads, and paging. The sorted view is cached
 * and rebuilt only after a change, so reading page after page of 60,000 rooms stays cheap.
 */

export interface Stored<T> {
  id: number;
  /** Epoch ms of the last change; the API shows it as Beijing wall-clock text. */
  updatedMs: number;
  record: T;
}

export class Collection<T> {
  private readonly byId = new Map<number, Stored<T>>();
  private sorted: Stored<T>[] | null = null;

  constructor(items: Iterable<Stored<T>> = []) {
    for (const item of items) this.byId.set(item.id, item);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): Stored<T> | undefined {
    return this.byId.get(id);
  }

  put(item: Stored<T>): void {
    this.byId.set(item.id, item);
    this.sorted = null;
  }

  delete(id: number): boolean {
    this.sorted = null;
    return this.byId.delete(id);
  }

  /** Every record in (updatedMs, id) order. */
  ordered(): readonly Stored<T>[] {
    if (!this.sorted) {
      this.sorted = [...this.byId.values()].sort((a, b) => a.updatedMs - b.updatedMs || a.id - b.id);
    }
    return this.sorted;
  }

  /** Records with `updatedMs >= sinceMs` (floored to the second, as the wire shows seconds), matching `where`. */
  query(sinceMs: number | null, where?: (record: T) => boolean): readonly Stored<T>[] {
    let items = this.ordered();
    if (sinceMs !== null) {
      const since = Math.floor(sinceMs / 1000) * 1000;
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (Math.floor((items[mid] as Stored<T>).updatedMs / 1000) * 1000 < since) lo = mid + 1;
        else hi = mid;
      }
      items = items.slice(lo);
    }
    return where ? items.filter((s) => where(s.record)) : items;
  }
}
