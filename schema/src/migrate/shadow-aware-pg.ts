import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * PrismaPg with the two fixes the schema engine needs to diff from a migrations folder
 * (see shared/design/PLATFORM-NOTES.md, "Prisma 7 without its native engines"):
 * - the engine reads catalog columns of PostgreSQL's one-byte `"char"` type (OID 18), which the
 *   adapter cannot deserialize, so they are reported as text;
 * - adapter-pg 7.10's shadow database spreads `database` under a `connectionString` that wins (the
 *   "shadow" is the main database) and drops it before closing its pool; here the shadow gets its own
 *   discrete connection settings, and its pool is closed before `DROP DATABASE … WITH (FORCE)`.
 */
export class ShadowAwarePg extends PrismaPg {
  readonly #connectionString: string;

  constructor(connectionString: string) {
    super({ connectionString, max: 2 });
    this.#connectionString = connectionString;
  }

  override async connect(): Promise<Adapter> {
    return reportCharAsText(await super.connect());
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const admin = new pg.Client({ connectionString: this.#connectionString });
    await admin.connect();
    const database = `shadow_${crypto.randomUUID().replaceAll('-', '')}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(this.#connectionString);
    const pool = new pg.Pool({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      max: 2,
    });
    // DROP … WITH (FORCE) terminates any shadow connection still closing; that is the intent, and
    // without a listener the pool would rethrow it as an uncaught exception in the migrating process.
    pool.on('error', () => undefined);
    const shadow = reportCharAsText(await new PrismaPg(pool).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await pool.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

function reportCharAsText(adapter: Adapter): Adapter {
  const target = adapter as unknown as { performIO: PerformIO };
  const performIO = target.performIO.bind(adapter);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return adapter;
}
