import type uPlot from 'uplot';
import {
  ENERGY_SPANS,
  type BuildingDetail,
  type Compliance,
  type EnergySpan,
} from '../api/building-detail.ts';
import type { AlertModel } from '../model/district-model.ts';
import { sortAlerts } from './alert-list.ts';
import { el } from './dom.ts';
import { drawEnergyChart } from './energy-chart.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './i18n.ts';

export interface PanelActions {
  acknowledge(alert: AlertModel): Promise<void>;
  resolve(alert: AlertModel): Promise<void>;
  toggleFloors(): void;
  colourRooms(by: 'category' | 'idle'): void;
  close(): void;
}

export interface PanelContent {
  detail: BuildingDetail;
  alerts: AlertModel[];
  compliance: Compliance[] | Error | null;
  /** The last 30 local days, oldest first (`loadEnergyDays`). */
  energy: { date: string; quantity: number; unit: string }[] | Error | null;
  floorsOpen: boolean;
}

const SPAN_TITLES: Record<EnergySpan, MessageKey> = { 7: 'panel.energy7', 30: 'panel.energy30' };

const area = (m2: number | null) => (m2 === null ? '—' : `${Math.round(m2).toLocaleString()} m²`);

/** The side panel of one building; re-rendered whole when its data, alerts or language change. */
export class BuildingPanel {
  private chart: uPlot | null = null;
  content: PanelContent | null = null;
  /** Days the chart shows: the last week unless the reader asked for the month. */
  energySpan: EnergySpan = 7;

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: PanelActions,
  ) {}

  show(content: PanelContent): void {
    this.content = content;
    this.render();
  }

  hide(): void {
    this.content = null;
    this.energySpan = 7;
    this.chart?.destroy();
    this.chart = null;
    this.root.hidden = true;
    this.root.replaceChildren();
  }

  render(): void {
    const content = this.content;
    if (!content) return;
    const { detail } = content;
    this.chart?.destroy();
    this.chart = null;
    const button = (key: MessageKey, onClick: () => void, attributes: Record<string, string> = {}) => {
      const b = el('button', { type: 'button', ...attributes }, t(key));
      b.addEventListener('click', onClick);
      return b;
    };
    const floors = `${t('unit.floorsAbove')} ${detail.floorsAbove}${detail.floorsBelow ? ` / ${t('unit.floorsBelow')} ${detail.floorsBelow}` : ''}`;
    const facts = el(
      'dl',
      {},
      el('dt', {}, t('panel.code')),
      el('dd', { 'data-field': 'code' }, detail.code),
      el('dt', {}, t('panel.floors')),
      el('dd', {}, floors),
      el('dt', {}, t('panel.area')),
      el('dd', {}, area(detail.grossArea)),
      el('dt', {}, t('panel.rooms')),
      el('dd', {}, String(detail.rooms.length)),
    );
    const agencies = el('ul', {}, ...detail.agencies.map((a) => el('li', {}, a.name)));
    if (detail.agencies.length === 0) agencies.append(el('li', {}, t('panel.none')));
    this.root.replaceChildren(
      el('h2', { 'data-field': 'name' }, detail.name),
      facts,
      el(
        'div',
        { class: 'actions' },
        button(content.floorsOpen ? 'panel.closeFloors' : 'panel.open', () => this.actions.toggleFloors(), {
          'data-action': 'floors',
        }),
        ...(content.floorsOpen
          ? [
              button('panel.byCategory', () => this.actions.colourRooms('category'), {
                'data-action': 'by-category',
              }),
              button('panel.byIdle', () => this.actions.colourRooms('idle'), { 'data-action': 'by-idle' }),
            ]
          : []),
        button('panel.close', () => this.actions.close(), { 'data-action': 'close' }),
      ),
      el('h3', {}, t('panel.agencies')),
      agencies,
      el('h3', {}, t('panel.compliance')),
      this.renderCompliance(content.compliance),
      el('h3', {}, t('panel.alerts')),
      this.renderAlerts(content.alerts),
      el('h3', {}, t(SPAN_TITLES[this.energySpan])),
      el(
        'div',
        { class: 'actions' },
        ...ENERGY_SPANS.map((span) =>
          button(
            SPAN_TITLES[span],
            () => {
              this.energySpan = span;
              this.render();
            },
            {
              'data-action': `energy-${span}`,
              ...(span === this.energySpan ? { 'aria-pressed': 'true' } : {}),
            },
          ),
        ),
      ),
    );
    const chartBox = el('div', { class: 'chart' });
    this.root.append(chartBox);
    const shown = this.shownEnergy();
    if (content.energy instanceof Error)
      chartBox.append(el('p', { class: 'error' }, `${t('error.load')}: ${content.energy.message}`));
    // Days of zeros are days without meter data (no rollup yet), not a building that used nothing.
    else if (shown?.some((day) => day.quantity > 0))
      this.chart = drawEnergyChart(chartBox, shown, shown[0]?.unit ?? 'kWh');
    else if (shown) chartBox.append(el('p', { 'data-field': 'no-energy' }, t('panel.noEnergy')));
    this.root.hidden = false;
  }

  /** The bars the chart draws: the last `energySpan` days of the loaded month. */
  shownEnergy(): { date: string; quantity: number; unit: string }[] | null {
    const energy = this.content?.energy;
    return Array.isArray(energy) ? energy.slice(-this.energySpan) : null;
  }

  private renderCompliance(compliance: PanelContent['compliance']): HTMLElement {
    if (compliance instanceof Error)
      return el('p', { class: 'error' }, `${t('error.load')}: ${compliance.message}`);
    if (!compliance?.length) return el('p', {}, t('panel.none'));
    return el(
      'ul',
      {},
      ...compliance.map((c) =>
        el(
          'li',
          {},
          `${c.agency.name}: ${area(c.allocatedOfficeArea)} / ${area(c.standardArea)} · ${t(c.overStandard ? 'panel.over' : 'panel.compliant')}`,
        ),
      ),
    );
  }

  private renderAlerts(alerts: AlertModel[]): HTMLElement {
    const active = sortAlerts(alerts.filter((a) => a.status !== 'RESOLVED'));
    if (active.length === 0) return el('p', {}, t('panel.none'));
    return el(
      'ul',
      { class: 'panel-alerts' },
      ...active.map((alert) => {
        const status = el('span', { class: 'alert-status' }, t(`alertStatus.${alert.status}` as MessageKey));
        const error = el('span', { class: 'error' });
        const act = (key: MessageKey, run: (a: AlertModel) => Promise<void>) => {
          const b = el('button', { type: 'button', 'data-action': key }, t(key));
          b.addEventListener('click', () => {
            b.disabled = true;
            run(alert).catch((e: Error) => {
              error.textContent = `${t('error.action')}: ${e.message}`;
              b.disabled = false;
            });
          });
          return b;
        };
        return el(
          'li',
          { 'data-alert-id': alert.id },
          el('span', { class: `sev sev-${alert.severity}` }, t(`severity.${alert.severity}` as MessageKey)),
          `${alert.message} `,
          status,
          el(
            'div',
            { class: 'actions' },
            ...(alert.status === 'OPEN' ? [act('acknowledge', this.actions.acknowledge)] : []),
            act('resolve', this.actions.resolve),
          ),
          error,
        );
      }),
    );
  }
}
