import type { z } from 'zod';

/** "streams[0].paging.type: expected one of page|offset|cursor|link, got "pages"" — one line per issue. */
export function formatZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): string {
  return issues
    .map((issue) => {
      const path = formatPath([...prefix, ...(issue.path as (string | number)[])]);
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
