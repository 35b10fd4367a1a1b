import type { PrismaClient } from '@district-hub/schema';
import { createApiKey } from '@district-hub/schema';

export interface DemoKeys {
  operator: string;
  admin: string;
}

const OPERATOR = 'demo-operator';
const ADMIN = 'demo-admin';

/**
 * Keys are stored hashed, so the demo cannot show last run's key again: each start revokes the demo
 * keys it made before and prints new ones. Keys made with `npx hub apikey create` are left alone.
 */
export async function issueDemoKeys(prisma: PrismaClient): Promise<DemoKeys> {
  await prisma.apiKey.updateMany({
    where: { name: { in: [OPERATOR, ADMIN] }, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const [operator, admin] = await Promise.all([
    createApiKey(prisma, 'OPERATOR', OPERATOR),
    createApiKey(prisma, 'ADMIN', ADMIN),
  ]);
  return { operator: operator.key, admin: admin.key };
}
