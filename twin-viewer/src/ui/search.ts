import { el } from './dom.ts';
import { t } from './i18n.ts';

export interface SearchHit {
  kind: 'building' | 'room' | 'vehicle';
  label: string;
  /** Building id for buildings and rooms, vehicle id for vehicles. */
  id: string;
}

/**
 * The search box: buildings (name or code) and plates are matched in memory as the operator types;
 * room numbers are asked of the hub, since the twin does not hold every room.
 */
export function wireSearch(
  form: HTMLFormElement,
  localHits: (query: string) => SearchHit[],
  remoteHits: (query: string) => Promise<SearchHit[]>,
  onPick: (hit: SearchHit) => void,
): void {
  const input = form.querySelector('input') as HTMLInputElement;
  const results = form.querySelector('ul') as HTMLUListElement;
  let generation = 0;
  const show = (hits: SearchHit[]) => {
    results.replaceChildren(
      ...(hits.length === 0
        ? [el('li', { class: 'empty' }, t('search.none'))]
        : hits.slice(0, 12).map((hit) => {
            const item = el('li', { 'data-kind': hit.kind, 'data-id': hit.id, tabindex: '0' }, hit.label);
            item.addEventListener('click', () => pick(hit));
            return item;
          })),
    );
    results.hidden = false;
  };
  const pick = (hit: SearchHit) => {
    results.hidden = true;
    onPick(hit);
  };
  const run = async () => {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      results.hidden = true;
      return;
    }
    const local = localHits(query);
    show(local);
    const remote = await remoteHits(query).catch(() => []);
    // A slower answer to an older query must not overwrite the newer one.
    if (mine === generation) show([...local, ...remote]);
  };
  input.addEventListener('input', () => void run());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = results.querySelector<HTMLLIElement>('li[data-kind]');
    if (first) first.click();
    else void run();
  });
}
