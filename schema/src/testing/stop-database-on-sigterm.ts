import pg from 'pg';
import { openDatabase } from '../database/database-factory.ts';

// A stand-in hub that shuts down the way the hub does: on SIGTERM it still uses its database (the
// hub's workers hand back jobs and the live batch commits), and only then stops it and exits 0.
const db = await openDatabase({ dataDir: process.argv[2] });
const client = new pg.Client({ connectionString: db.url });
await client.connect();
process.on('SIGTERM', () => {
  void (async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await client.query<{ answer: number }>('SELECT 42 AS answer');
    console.log(`QUERIED ${rows[0]?.answer}`);
    await client.end();
    await db.stop();
    process.exit(0);
  })();
});
console.log(`READY ${db.url}`);
setInterval(() => undefined, 60_000);
