import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.ts';

/**
 * What GraphQL Code Generator makes of the committed SDL and `src/api/operations.graphql` (codegen.ts),
 * path → content, without writing anything. Throws with codegen's own message (the operation, the line
 * and the unknown field) when an operation does not fit the schema.
 */
export async function generatedGraphqlFiles(): Promise<Map<string, string>> {
  const files = (await generate({ ...config, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  return new Map(files.map((file) => [file.filename, file.content]));
}
