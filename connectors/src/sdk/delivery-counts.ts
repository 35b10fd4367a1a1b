import { createHash } from 'node:crypto';

/** What names one message among its redeliveries: its topic and a digest of its payload. */
export function deliveryKey(topic: string, payload: Buffer): string {
  return `${topic}\u0000${createHash('sha1').update(payload).digest('base64')}`;
}

/**
 * How many times each live message has been delivered without its batch committing, kept by whoever
 * restarts a follow (the live ingest, one per followed connector) and handed to every `read` of it
 * (`ReadOptions.deliveries`), so a message that keeps failing can be quarantined and acknowledged
 * after a bounded number of deliveries instead of being redelivered first, for ever, after every
 * restart (issue 17). Bounded itself: past `maxKeys` the oldest counts go (a restart counts from 1).
 */
export class DeliveryCounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxKeys = 10_000) {}

  /** Counts one more delivery of the message `key` names; returns how many there have been. */
  delivered(key: string): number {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, count);
    if (this.counts.size > this.maxKeys) this.counts.delete(this.counts.keys().next().value!);
    return count;
  }

  /** The message is committed or quarantined: a later delivery is a new one. */
  settled(key: string): void {
    this.counts.delete(key);
  }
}
