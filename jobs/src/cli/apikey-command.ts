import type { Command } from 'commander';
import { createPrismaClient } from '@district-hub/schema/database';
import { createApiKey, parseRole, revokeApiKey } from '@district-hub/schema';
import { withDatabase } from './cli-context.ts';

/**
 * `hub apikey create --role integrator|operator|admin [--name …]` prints a new key once (only its
 * hash is stored); `hub apikey revoke <prefix>` stops a key. Keys are sent as `Authorization: Bearer`.
 */
export function register(program: Command): void {
  const apikey = program.command('apikey').description('manage API keys of the GraphQL gateway');
  apikey
    .command('create')
    .requiredOption('--role <role>', 'integrator (reads), operator (also acts on alerts), admin (also syncs)')
    .option('--name <name>', 'who or what uses the key', 'unnamed')
    .description('create a key and print it once')
    .action(async (options: { role: string; name: string }) => {
      const role = parseRole(options.role);
      await withDatabase(async (db) => {
        const prisma = createPrismaClient(db.url);
        try {
          const created = await createApiKey(prisma, role, options.name);
          console.error(
            `created ${created.role} key "${created.name}" (prefix ${created.prefix}); it is shown only now:`,
          );
          console.log(created.key);
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
