import type { Command } from 'commander';
import Table from 'cli-table3';
import { createPrismaClient } from '@district-hub/schema/database';
import {
  createApiKey,
  listApiKeys,
  parseExpiry,
  parseRole,
  revokeApiKey,
  type ApiKeySummary,
} from '@district-hub/schema';
import { withDatabase } from './cli-context.ts';

const instant = (at: Date | null) => (at ? at.toISOString().replace(/\.\d{3}Z$/, 'Z') : '–');

/** What `hub apikey list` says of a key's state: revoked, expired, or until when it works. */
function stateOf(key: ApiKeySummary, now: Date): string {
  if (key.revokedAt) return `revoked ${instant(key.revokedAt)}`;
  if (key.expiresAt && key.expiresAt <= now) return `expired ${instant(key.expiresAt)}`;
  return key.expiresAt ? `active until ${instant(key.expiresAt)}` : 'active, never expires';
}

/**
 * `hub apikey create --role integrator|operator|admin [--name …] [--expires 90d]` prints a new key once
 * (only its hash is stored); `hub apikey list` shows every key with its expiry; `hub apikey revoke
 * <prefix>` stops a key. Keys are sent as `Authorization: Bearer`.
 */
export function register(program: Command): void {
  const apikey = program.command('apikey').description('manage API keys of the GraphQL gateway');
  apikey
    .command('create')
    .requiredOption('--role <role>', 'integrator (reads), operator (also acts on alerts), admin (also syncs)')
    .option('--name <name>', 'who or what uses the key', 'unnamed')
    .option('--expires <when>', 'a duration (90d, 12h) or an ISO-8601 instant after which it is refused')
    .description('create a key and print it once')
    .action(async (options: { role: string; name: string; expires?: string }) => {
      const role = parseRole(options.role);
      const expiresAt = options.expires === undefined ? null : parseExpiry(options.expires);
      await withDatabase(async (db) => {
        const prisma = createPrismaClient(db.url);
        try {
          const created = await createApiKey(prisma, role, options.name, { expiresAt });
          console.error(
            `created ${created.role} key "${created.name}" (prefix ${created.prefix}); ${created.expiresAt ? `it expires ${instant(created.expiresAt)}` : 'it never expires'}; it is shown only now:`,
          );
          console.log(created.key);
        } finally {
          await prisma.$disconnect();
        }
      });
    });
  apikey
    .command('list')
    .description('list every key: prefix, name, role, created, last used and expiry (never the key)')
    .action(async () => {
      await withDatabase(async (db) => {
        const prisma = createPrismaClient(db.url);
        try {
          const now = new Date();
          const table = new Table({
            head: ['prefix', 'name', 'role', 'created', 'last used', 'state'],
            ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }),
          });
          for (const key of await listApiKeys(prisma)) {
            table.push([
              key.prefix,
              key.name,
              key.role,
              instant(key.createdAt),
              instant(key.lastUsedAt),
              stateOf(key, now),
            ]);
          }
          console.log(table.toString());
        } finally {
          await prisma.$disconnect();
        }
      });
    });
  apikey
    .command('revoke')
    .argument('<prefix>', 'the prefix shown when the key was created (dhk_<prefix>_…)')
    .description('revoke a key; gateways refuse it within their auth cache time (30 s)')
    .action(async (prefix: string) => {
      await withDatabase(async (db) => {
        const prisma = createPrismaClient(db.url);
        try {
          const revoked = await revokeApiKey(prisma, prefix);
          console.log(revoked ? `revoked ${prefix}` : `no active key with prefix ${prefix}`);
          if (!revoked) process.exitCode = 1;
        } finally {
          await prisma.$disconnect();
        }
      });
    });
}
