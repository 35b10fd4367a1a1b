import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../database/prisma-client.ts';
import { Role } from '../generated/prisma/enums.ts';
import { InvalidInputError } from './domain-errors.ts';

/**
 * API keys look like `dhk_<prefix>_<secret>`. Only the prefix (to find the row and to tell keys apart)
 * and a SHA-256 of the whole key are stored. The secret carries 192 random bits, so a fast hash is
 * enough: nobody can brute-force it offline, unlike a password, and checking stays cheap per request.
 */
const KEY_PATTERN = /^dhk_([a-f0-9]{12})_([A-Za-z0-9_-]{32})$/;

export interface CreatedApiKey {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  /** Shown once; the hub cannot show it again. */
  key: string;
  expiresAt: Date | null;
}

export interface ApiKeyIdentity {
  keyId: number;
  name: string;
  role: Role;
  /** When the key stops working; null when it never does. */
  expiresAt: Date | null;
}

/** A key as `hub apikey list` shows it: never the key or its hash. */
export interface ApiKeySummary {
  prefix: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const DURATION = /^(\d+)\s*([dh])$/i;

/**
 * When a key created now with `--expires <value>` expires: `90d` or `12h` from `now`, or an ISO-8601
 * instant. Refuses anything else, or an instant that is not in the future.
 */
export function parseExpiry(value: string, now = new Date()): Date {
  const duration = DURATION.exec(value.trim());
  const expiresAt = duration
    ? new Date(
        now.getTime() + Number(duration[1]) * (duration[2]!.toLowerCase() === 'd' ? 86_400_000 : 3_600_000),
      )
    : new Date(value);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime()) {
    throw new InvalidInputError(
      `--expires must be a duration such as 90d or 12h, or a future ISO-8601 instant; got "${value}"`,
      'expires',
    );
  }
  return expiresAt;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseRole(value: string): Role {
  const role = value.toUpperCase();
  if (!(role in Role)) {
    throw new InvalidInputError(
      `role must be one of ${Object.values(Role).join(', ')}; got "${value}"`,
      'role',
    );
  }
  return role as Role;
}

export async function createApiKey(
  prisma: PrismaClient,
  role: Role,
  name: string,
  options: { expiresAt?: Date | null } = {},
): Promise<CreatedApiKey> {
  const prefix = randomBytes(6).toString('hex');
  const key = `dhk_${prefix}_${randomBytes(24).toString('base64url')}`;
  const expiresAt = options.expiresAt ?? null;
  const row = await prisma.apiKey.create({ data: { name, role, prefix, hash: hashKey(key), expiresAt } });
  return { id: row.id, name: row.name, role: row.role, prefix, key, expiresAt: row.expiresAt };
}

/** Whether a key string has the shape of a hub key; anything else is refused without a query. */
export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The identity of a presented key, or null when it is malformed, unknown, revoked or expired. */
export async function verifyApiKey(
  prisma: PrismaClient,
  key: string,
  now = new Date(),
): Promise<ApiKeyIdentity | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const row = await prisma.apiKey.findUnique({ where: { prefix: match[1] } });
  if (!row || row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  const expected = Buffer.from(row.hash, 'hex');
  const actual = Buffer.from(hashKey(key), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { keyId: row.id, name: row.name, role: row.role, expiresAt: row.expiresAt };
}

/** Every key, newest first, without secrets: for `hub apikey list`. */
export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeySummary[]> {
  return prisma.apiKey.findMany({
    orderBy: { id: 'desc' },
    select: {
      prefix: true,
      name: true,
      role: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
}

export async function revokeApiKey(prisma: PrismaClient, prefix: string): Promise<boolean> {
  const result = await prisma.apiKey.updateMany({
    where: { prefix, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}
