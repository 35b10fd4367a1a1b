import type { AlertRule } from '@district-hub/schema';

/** A sample as the rules read it, oldest first. */
export interface Sample {
  time: Date;
  value: number;
}

/**
 * What a rule concludes about one device: `breach` (raise or update the alert, `at` being the time of
 * the newest evidence), `clear` (resolve an open alert), or `undecided` (a breach not yet lasting
 * long enough, or too little data), which changes nothing.
 */
export type Condition =
  | { state: 'breach'; at: Date; value: number; message: string }
  | { state: 'clear'; at: Date }
  | { state: 'undecided' };

const UNDECIDED: Condition = { state: 'undecided' };

type Comparator = '>' | '>=' | '<' | '<=';
const COMPARATORS: Record<Comparator, (value: number, threshold: number) => boolean> = {
  '>': (value, threshold) => value > threshold,
  '>=': (value, threshold) => value >= threshold,
  '<': (value, threshold) => value < threshold,
  '<=': (value, threshold) => value <= threshold,
};

export function isComparator(value: unknown): value is Comparator {
  return typeof value === 'string' && value in COMPARATORS;
}

function compare(rule: Pick<AlertRule, 'comparator' | 'threshold'>, value: number): boolean {
  const comparator = isComparator(rule.comparator) ? rule.comparator : '>';
  return COMPARATORS[comparator](value, rule.threshold ?? 0);
}

/**
 * THRESHOLD with a minimum duration. `before` is the newest sample at or before `latest - duration`,
 * `window` the samples after it up to the latest. The breach has lasted the whole duration exactly
 * when `before` and every sample of the window breach: the breach then began no later than
 * `before.time`. Reading times, not the clock, decide, so a late batch is judged as it happened.
 */
export function thresholdCondition(
  rule: Pick<AlertRule, 'comparator' | 'threshold' | 'durationSeconds' | 'name' | 'metric'>,
  before: Sample | undefined,
  window: readonly Sample[],
): Condition {
  const latest = window.at(-1) ?? before;
  if (!latest) return UNDECIDED;
  if (!compare(rule, latest.value)) return { state: 'clear', at: latest.time };
  if (!before || !compare(rule, before.value) || !window.every((sample) => compare(rule, sample.value))) {
    return UNDECIDED;
  }
  return {
    state: 'breach',
    at: latest.time,
    value: latest.value,
    message: `${rule.name}: ${rule.metric} ${latest.value} ${rule.comparator ?? '>'} ${rule.threshold} for ${rule.durationSeconds}s or more`,
  };
}

/** RATE_OF_CHANGE: the change per minute from the oldest to the newest sample of the rule's window. */
export function rateCondition(
  rule: Pick<AlertRule, 'comparator' | 'threshold' | 'name' | 'metric'>,
  window: readonly Sample[],
): Condition {
  const first = window[0];
  const latest = window.at(-1);
  if (!first || !latest || latest.time <= first.time) return UNDECIDED;
  const perMinute = ((latest.value - first.value) * 60_000) / (latest.time.getTime() - first.time.getTime());
  if (!compare(rule, perMinute)) return { state: 'clear', at: latest.time };
  return {
    state: 'breach',
    at: latest.time,
    value: perMinute,
    message: `${rule.name}: ${rule.metric} changing ${perMinute.toFixed(2)}/min (limit ${rule.comparator ?? '>'} ${rule.threshold}/min)`,
  };
}

/**
 * HEARTBEAT: silent for longer than the device's own heartbeat, plus the rule's `durationSeconds` as
 * grace. A device never heard from counts from when the hub first learned of it.
 */
export function heartbeatCondition(
  rule: Pick<AlertRule, 'durationSeconds' | 'name'>,
  heartbeatSeconds: number,
  lastHeard: Date,
  now: Date,
): Condition {
  const silentSeconds = (now.getTime() - lastHeard.getTime()) / 1000;
  if (silentSeconds <= heartbeatSeconds + rule.durationSeconds) return { state: 'clear', at: now };
  return {
    state: 'breach',
    at: now,
    value: Math.round(silentSeconds),
    message: `${rule.name}: silent for ${Math.round(silentSeconds)}s (heartbeat ${heartbeatSeconds}s)`,
  };
}
