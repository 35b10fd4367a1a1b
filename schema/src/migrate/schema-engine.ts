import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { ShadowAwarePg } from './shadow-aware-pg.ts';

export type { SchemaEngine };

let loaded: Promise<void> | undefined;

/**
 * The package's main entry imports the `.wasm` file as an ES module (bundler style), which Node does
 * not load; so the module is instantiated here against the package's own JS glue.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    (bindings as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return loaded;
}

/** Opens Prisma's schema engine (WebAssembly build) on a PostgreSQL database through the pg driver adapter. */
export async function openSchemaEngine(
  connectionString: string,
  datamodel: { path: string; content: string },
  log: (message: string) => void = () => undefined,
): Promise<SchemaEngine> {
  await loadWasm();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new ShadowAwarePg(connectionString));
  return bindings.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    log,
    adapterFactory,
  );
}
