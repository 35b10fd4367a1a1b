import type { AlertModel } from '../model/district-model.ts';
import { severityRank } from '../scene/palette.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './i18n.ts';

/** Most severe first, then newest: what an operator must look at next is on top. */
export function sortAlerts(alerts: readonly AlertModel[]): AlertModel[] {
  return [...alerts].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || b.raisedAt.localeCompare(a.raisedAt),
  );
}

export function renderAlertList(
  root: HTMLElement,
  alerts: readonly AlertModel[],
  placeName: (alert: AlertModel) => string,
  onSelect: (alert: AlertModel) => void,
): void {
  const list = root.querySelector('ol') as HTMLOListElement;
  const active = sortAlerts(alerts.filter((a) => a.status !== 'RESOLVED'));
  if (active.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, t('alerts.empty')));
    return;
  }
  list.replaceChildren(
    ...active.map((alert) => {
      const item = el(
        'li',
        { 'data-alert-id': alert.id, 'data-status': alert.status, tabindex: '0' },
        el('span', { class: `sev sev-${alert.severity}` }, t(`severity.${alert.severity}` as MessageKey)),
        `${placeName(alert)} · ${alert.message}`,
        alert.status === 'ACKNOWLEDGED' ? ` (${t('alertStatus.ACKNOWLEDGED')})` : '',
      );
      item.addEventListener('click', () => onSelect(alert));
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') onSelect(alert);
      });
      return item;
    }),
  );
}
