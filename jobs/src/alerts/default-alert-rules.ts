import type { PrismaClient, Prisma } from '@district-hub/schema';

/**
 * The rule set a new hub starts with. Rules are rows, so an operator tunes them in the database (or
 * through the API) and a restart does not undo that: seeding only adds codes that are missing.
 * Metrics are the keys the logistics MQTT feed's readings are stored under (connectors'
 * `mappings/logistics/device-types.ts`): `temp`, `hum`, `leak`, `p` (kW).
 */
export const DEFAULT_ALERT_RULES: Prisma.AlertRuleCreateManyInput[] = [
  {
    code: 'env-temperature-high',
    name: 'Room temperature high',
    kind: 'THRESHOLD',
    deviceType: 'ENV',
    metric: 'temp',
    comparator: '>',
    threshold: 30,
    durationSeconds: 600,
    severity: 'MINOR',
  },
  {
    code: 'env-humidity-high',
    name: 'Room humidity high',
    kind: 'THRESHOLD',
    deviceType: 'ENV',
    metric: 'hum',
    comparator: '>',
    threshold: 80,
    durationSeconds: 1800,
    severity: 'WARNING',
  },
  {
    code: 'leak-detected',
    name: 'Water leak detected',
    kind: 'THRESHOLD',
    deviceType: 'LEAK',
    metric: 'leak',
    comparator: '>=',
    threshold: 1,
    durationSeconds: 0,
    severity: 'MAJOR',
    params: { alertKind: 'LEAK' },
  },
  {
    code: 'electric-load-spike',
    name: 'Electric load rising fast',
    kind: 'RATE_OF_CHANGE',
    deviceType: 'METER_ELECTRIC',
    metric: 'p',
    comparator: '>',
    // kW per minute; a floor's load does not climb this fast in normal use.
    threshold: 50,
    severity: 'WARNING',
    params: { windowSeconds: 300 },
  },
  {
    code: 'device-silent',
    name: 'Device silent',
    kind: 'HEARTBEAT',
    // One missed heartbeat is noise on a busy broker; a minute of grace on top of it.
    durationSeconds: 60,
    severity: 'WARNING',
  },
];

/** Adds the default rules whose codes are missing; returns how many were added. */
export async function seedDefaultAlertRules(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.alertRule.createMany({ data: DEFAULT_ALERT_RULES, skipDuplicates: true });
  return count;
}
