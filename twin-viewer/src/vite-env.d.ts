/// <reference types="vite/client" />

/** Operation name → SHA-256 of its text, defined by vite.config.ts at build time. */
declare const __TWIN_OPERATION_HASHES__: Record<string, string>;
