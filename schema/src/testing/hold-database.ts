import { openDatabase } from '../database/database-factory.ts';

// A stand-in hub for the embedded-database tests: opens the database in the folder given as argument,
// says READY with its URL, and holds it until killed (the tests kill it with SIGKILL).
const db = await openDatabase({ dataDir: process.argv[2] });
console.log(`READY ${db.url}`);
setInterval(() => undefined, 60_000);
