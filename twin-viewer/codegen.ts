import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { Kind, type DocumentNode } from 'graphql';

/**
 * The viewer's GraphQL types and trusted documents, generated from the hub's committed SDL
 * (schema/schema.graphql) and the viewer's operations (src/api/operations.graphql) by GraphQL Code
 * Generator's client preset. An operation that asks for a field the schema lacks fails the generation,
 * and so the build and the drift test (src/api/generated.test.ts).
 *
 * `replaceDocumentWithHash`: the bundle carries each operation's SHA-256 and name, not its text; the
 * text goes only into `persisted-documents.json`, `{ "<sha256>": "<text>" }`, which is the gateway's
 * manifest format as it is (gateway/src/guards/trusted-documents/README.md).
 */
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The operation's name, sent as `operationName` (the gateway's logs and metrics go by it). */
function operationNameOf(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation?.name) throw new Error('every operation of the viewer needs a name');
  return operation.name.value;
}

// Absolute paths and the preset itself rather than its name, which codegen would resolve from the
// working directory: the build and the drift test run this from anywhere.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: CodegenConfig = {
  schema: here('../schema/schema.graphql'),
  documents: [here('src/api/operations.graphql')],
  generates: {
    [here('src/api/generated/')]: {
      preset: clientPreset,
      presetConfig: {
        fragmentMasking: false,
        // Plain hex, as Automatic Persisted Queries send it (`sha256Hash`): the preset's 'sha256' would
        // prefix `sha256:`, the document id of GraphQL over HTTP, which the gateway does not take.
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: sha256Hex },
        onExecutableDocumentNode: (document: DocumentNode) => ({ operationName: operationNameOf(document) }),
      },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        importExtension: '.ts',
        enumType: 'string-literal',
        scalars: {
          DateTime: 'string',
          Decimal: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
