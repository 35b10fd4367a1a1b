import { el } from './dom.ts';

/** A small card at the pointer for what has no side panel of its own: a device, a vehicle, a room. */
export function showPickInfo(
  root: HTMLElement,
  clientX: number,
  clientY: number,
  title: string,
  lines: string[],
): void {
  const stage = root.parentElement?.getBoundingClientRect();
  root.replaceChildren(
    el('strong', { 'data-field': 'title' }, title),
    ...lines.map((line) => el('div', {}, line)),
  );
  root.style.left = `${clientX - (stage?.left ?? 0) + 12}px`;
  root.style.top = `${clientY - (stage?.top ?? 0) + 12}px`;
  root.hidden = false;
}

export function hidePickInfo(root: HTMLElement): void {
  root.hidden = true;
}
