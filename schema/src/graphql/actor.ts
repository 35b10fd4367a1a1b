import type { Viewer } from './context.ts';

/** Who did it, as recorded on rows a mutation writes: the key's name, which a person chose, and its id. */
export function actorOf(viewer: Viewer): string {
  return `${viewer.name} (key ${viewer.keyId})`;
}
