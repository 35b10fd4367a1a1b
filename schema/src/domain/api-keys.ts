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
}

export interface ApiKeyIdentity {
  keyId: number;
  name: string;
  role: Role;
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

export async function createApiKey(prisma: PrismaClient, role: Role, name: string): Promise<CreatedApiKey> {
  const prefix = randomBytes(6).toString('hex');
  const key = `dhk_${prefix}_${randomBytes(24).toString('base64url')}`;
  const row = await prisma.apiKey.create({ data: { name, role, prefix, hash: hashKey(key) } });
  return { id: row.id, name: row.name, role: row.role, prefix, key };
}

/** The identity of a presented key, or null when it is malformed, unknown or revoked. */
export async function verifyApiKey(prisma: PrismaClient, key: string): Promise<ApiKeyIdentity | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const row = await prisma.apiKey.findUnique({ where: { prefix: match[1] } });
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.hash, 'hex');
  const actual = Buffer.from(hashKey(key), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { keyId: row.id, name: row.name, role: row.role };
}

export async function revokeApiKey(prisma: PrismaClient, prefix: string): Promise<boolean> {
  const result = await prisma.apiKey.updateMany({
    where: { prefix, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}
