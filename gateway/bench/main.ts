// The gateway serves with NODE_ENV=production (gateway/src/main.ts derives production mode from it), and
// graphql-js chooses its cheaper production checks when first imported: set it before anything loads.
process.env.NODE_ENV = 'production';
await import('./gateway-bench.ts');

export {};
