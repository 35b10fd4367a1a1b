import { loadBuildingDetail, loadCompliance, loadEnergyDays } from '../api/building-detail.ts';
import type { BuildingDetail } from '../api/building-detail.ts';
import type { GraphqlClient } from '../api/graphql-client.ts';
import type { ConnectionStatus } from '../api/graphql-client.ts';
import {
  TwinAcknowledgeAlertDocument,
  TwinAlertChangedDocument,
  TwinResolveAlertDocument,
  TwinRoomsByNumberDocument,
  TwinVehiclePositionsDocument,
} from '../api/generated/graphql.ts';
import type { TwinAcknowledgeAlertMutation, TwinResolveAlertMutation } from '../api/generated/graphql.ts';
import { loadTwin } from '../api/load-twin.ts';
import { roomNumberQuery } from '../api/room-number.ts';
import { mapAlert, mapDistrict } from '../api/map-district.ts';
import type { LocalProjection } from '../geo/projection.ts';
import type { AlertModel, DistrictModel } from '../model/district-model.ts';
import type { RoomColouring } from '../scene/room-layer.ts';
import { TwinView } from '../scene/twin-view.ts';
import { renderAlertList } from '../ui/alert-list.ts';
import { BuildingPanel } from '../ui/building-panel.ts';
import { currentLanguage, onLanguageChange, setLanguage, t } from '../ui/i18n.ts';
import type { MessageKey } from '../ui/i18n.ts';
import { hidePickInfo, showPickInfo } from '../ui/pick-info.ts';
import { wireSearch } from '../ui/search.ts';
import type { SearchHit } from '../ui/search.ts';
import { energyIntensity, idleShare } from './layer-shading.ts';

/** UI state in one object: what is selected, which layers are on, how rooms are coloured. */
export interface AppState {
  status: ConnectionStatus;
  layers: Record<'alerts' | 'devices' | 'vehicles' | 'energy' | 'idle' | 'labels', boolean>;
  selected: string | null;
  floorsOpen: boolean;
  roomColouring: RoomColouring;
  alerts: Map<string, AlertModel>;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

export class App {
  readonly state: AppState = {
    status: 'connecting',
    layers: { alerts: true, devices: true, vehicles: true, energy: false, idle: false, labels: true },
    selected: null,
    floorsOpen: false,
    roomColouring: 'category',
    alerts: new Map(),
  };
  readonly view: TwinView;
  private readonly panel: BuildingPanel;
  private district: DistrictModel | null = null;
  private projection: LocalProjection | null = null;
  private detail: BuildingDetail | null = null;
  private shadingCache = new Map<'energy' | 'idle', Promise<Map<string, number>>>();

  constructor(private readonly client: GraphqlClient) {
    this.view = new TwinView($('#twin'), $('#overlay'));
    this.panel = new BuildingPanel($('#panel'), {
      acknowledge: async (alert) =>
        this.settleAlert(
          alert,
          (await this.client.request(TwinAcknowledgeAlertDocument, { id: alert.id })).acknowledgeAlert,
        ),
      resolve: async (alert) =>
        this.settleAlert(
          alert,
          (await this.client.request(TwinResolveAlertDocument, { id: alert.id })).resolveAlert,
        ),
      toggleFloors: () => this.toggleFloors(),
      colourRooms: (by) => {
        this.state.roomColouring = by;
        this.view.colourRooms(by);
      },
      close: () => this.select(null),
    });
    onLanguageChange(() => this.renderText());
  }

  /** The district as drawn (tests compare it with the API; search reads it). */
  get model(): DistrictModel | null {
    return this.district;
  }

  /** The energy bars of the open building panel (tests compare them with the hub's rollups). */
  panelEnergy(): { date: string; quantity: number }[] | null {
    return this.panel.shownEnergy()?.map(({ date, quantity }) => ({ date, quantity })) ?? null;
  }

  setStatus(status: ConnectionStatus): void {
    this.state.status = status;
    const light = $('#status');
    light.dataset.status = status;
    const text = light.querySelector('span') as HTMLSpanElement;
    text.dataset.i18n = `status.${status}`;
    text.textContent = t(`status.${status}` as MessageKey);
  }

  async start(): Promise<void> {
    // Subscribe before the snapshot: an alarm raised while the snapshot loads is then not lost.
    this.client.subscribe(TwinAlertChangedDocument, {}, (data) => {
      if (data.alertChanged.alert) this.upsertAlert(mapAlert(data.alertChanged.alert));
    });
    const { model, projection } = mapDistrict(await loadTwin(this.client));
    this.district = model;
    this.projection = projection;
    // An alert that changed while the snapshot loaded is already here, newer than the snapshot's copy.
    for (const alert of model.alerts)
      if (!this.state.alerts.has(alert.id)) this.state.alerts.set(alert.id, alert);
    for (const [id, alert] of this.state.alerts) this.state.alerts.set(id, this.withBuilding(alert));
    this.view.load(model);
    this.refreshAlerts();
    this.client.subscribe(TwinVehiclePositionsDocument, {}, ({ vehiclePositions: { vehicle, position } }) => {
      const local = this.projection?.toLocal(position.lon, position.lat);
      if (vehicle && local) this.view.moveVehicle(vehicle.id, local.east, local.north);
    });
    this.wireControls();
  }

  private upsertAlert(received: AlertModel): void {
    const alert = this.withBuilding(received);
    if (alert.status === 'RESOLVED') this.state.alerts.delete(alert.id);
    else this.state.alerts.set(alert.id, alert);
    this.refreshAlerts();
  }

  private refreshAlerts(): void {
    const alerts = [...this.state.alerts.values()];
    this.view.setAlerts(alerts);
    renderAlertList(
      $('#alert-list'),
      alerts,
      (a) => this.placeName(a),
      (a) => this.view.flyToAlert(a),
    );
    if (this.panel.content && this.detail) {
      this.panel.content.alerts = alerts.filter((a) => a.buildingId === this.detail?.id);
      this.panel.render();
    }
  }

  /** Fills an alert's building from its device's when the alarm named only the device. */
  private withBuilding(alert: AlertModel): AlertModel {
    if (alert.buildingId || !alert.deviceId) return alert;
    return {
      ...alert,
      buildingId: this.district?.devices.find((d) => d.id === alert.deviceId)?.buildingId ?? null,
    };
  }

  private placeName(alert: AlertModel): string {
    return this.district?.buildings.find((b) => b.id === alert.buildingId)?.name ?? alert.kind;
  }

  /** Mutations answer the alert itself or a UserError the operator can read (not found, wrong state). */
  private settleAlert(
    alert: AlertModel,
    result: TwinAcknowledgeAlertMutation['acknowledgeAlert'] | TwinResolveAlertMutation['resolveAlert'],
  ): void {
    if (result.__typename !== 'Alert') throw new Error(result.message);
    this.upsertAlert({ ...alert, status: result.status });
  }

  private wireControls(): void {
    this.view.twin.canvas.addEventListener('click', (event) => {
      const picked = this.view.pickAt(event.clientX, event.clientY);
      hidePickInfo($('#pick-info'));
      if (picked?.kind === 'building') void this.select(picked.id);
      else if (picked?.kind === 'alert') {
        const alert = this.state.alerts.get(picked.id);
        if (alert?.buildingId) void this.select(alert.buildingId);
      } else if (picked) this.describePick(picked.kind, picked.id, event.clientX, event.clientY);
    });
    $('#layers').addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      const name = input.name as keyof AppState['layers'];
      this.state.layers[name] = input.checked;
      if (name === 'alerts' || name === 'devices' || name === 'vehicles')
        this.view.setLayer(name, input.checked);
      else if (name === 'labels') this.view.setLabelsVisible(input.checked);
      else void this.applyShading(name, input);
    });
    $('#language').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
    wireSearch(
      $('#search'),
      (q) => this.localSearch(q),
      (q) => this.roomSearch(q),
      (hit) => this.onSearchHit(hit),
    );
  }

  /** Energy and idle heat colourings exclude each other; switching both off returns to alert state. */
  private async applyShading(name: 'energy' | 'idle', input: HTMLInputElement): Promise<void> {
    const other = name === 'energy' ? 'idle' : 'energy';
    if (input.checked && this.state.layers[other]) {
      this.state.layers[other] = false;
      ($('#layers').querySelector(`[name=${other}]`) as HTMLInputElement).checked = false;
    }
    if (!input.checked || !this.district) {
      if (!this.state.layers.energy && !this.state.layers.idle) this.view.setShading('state');
      return;
    }
    const buildings = this.district.buildings;
    let values = this.shadingCache.get(name);
    if (!values) {
      values = name === 'energy' ? energyIntensity(this.client, buildings) : idleShare(this.client);
      this.shadingCache.set(name, values);
    }
    const loaded = await values;
    if (this.state.layers[name]) this.view.setShading(name, loaded);
  }

  private describePick(kind: 'device' | 'vehicle' | 'room', id: string, x: number, y: number): void {
    const info = $('#pick-info');
    if (kind === 'device') {
      const device = this.district?.devices.find((d) => d.id === id);
      if (device)
        showPickInfo(info, x, y, `${t('pick.device')} ${device.name ?? device.code}`, [
          device.code,
          `${device.type} · ${device.status}`,
        ]);
    } else if (kind === 'vehicle') {
      const vehicle = this.district?.vehicles.find((v) => v.id === id);
      if (vehicle)
        showPickInfo(info, x, y, `${t('pick.vehicle')} ${vehicle.plate}`, [
          `${vehicle.energyType} · ${vehicle.status}`,
        ]);
    } else {
      const room = this.detail?.rooms.find((r) => r.id === id);
      if (room) {
        showPickInfo(info, x, y, `${t('pick.room')} ${room.number}${room.name ? ` ${room.name}` : ''}`, [
          `${room.category} · ${room.status}`,
          `${t('pick.area')} ${room.usableArea.toFixed(1)} m²`,
        ]);
      }
    }
  }

  private localSearch(query: string): SearchHit[] {
    const q = query.toLowerCase();
    const buildings: SearchHit[] = (this.district?.buildings ?? [])
      .filter((b) => b.name.toLowerCase().includes(q) || b.code.toLowerCase().includes(q))
      .map((b) => ({ kind: 'building', id: b.id, label: `${b.name} · ${b.code}` }));
    const vehicles: SearchHit[] = (this.district?.vehicles ?? [])
      .filter((v) => v.plate.toLowerCase().includes(q))
      .map((v) => ({ kind: 'vehicle', id: v.id, label: v.plate }));
    return [...buildings, ...vehicles];
  }

  /** Rooms are asked of the hub by door number (the twin holds only the open building's rooms). */
  private async roomSearch(query: string): Promise<SearchHit[]> {
    const number = roomNumberQuery(query);
    if (number === null) return [];
    const data = await this.client.request(TwinRoomsByNumberDocument, { number });
    return data.rooms.edges.map(({ node: room }) => ({
      kind: 'room',
      id: room.building.id,
      label: `${room.building.code} · ${room.number}${room.name ? ` ${room.name}` : ''}`,
    }));
  }

  private onSearchHit(hit: SearchHit): void {
    if (hit.kind === 'vehicle') {
      this.view.flyToVehicle(hit.id);
      return;
    }
    this.view.flyToBuilding(hit.id);
    void this.select(hit.id);
  }

  async select(buildingId: string | null): Promise<void> {
    if (this.state.floorsOpen) this.toggleFloors();
    this.state.selected = buildingId;
    this.detail = null;
    const building = this.district?.buildings.find((b) => b.id === buildingId);
    if (!building) {
      this.panel.hide();
      return;
    }
    const detail = await loadBuildingDetail(this.client, building);
    if (!detail || this.state.selected !== buildingId) return;
    this.detail = detail;
    const alerts = [...this.state.alerts.values()].filter((a) => a.buildingId === buildingId);
    this.panel.show({ detail, alerts, compliance: null, energy: null, floorsOpen: false });
    const [compliance, energy] = await Promise.all([
      Promise.all(detail.agencies.map((a) => loadCompliance(this.client, a.code)))
        .then((rows) => rows.filter((row) => row !== null))
        .catch((e: Error) => e),
      loadEnergyDays(this.client, detail.code, new Date()).catch((e: Error) => e),
    ]);
    if (this.state.selected !== buildingId || !this.panel.content) return;
    Object.assign(this.panel.content, { compliance, energy });
    this.panel.render();
  }

  private toggleFloors(): void {
    if (!this.detail) return;
    this.state.floorsOpen = !this.state.floorsOpen;
    if (this.state.floorsOpen)
      this.view.openBuilding(this.detail.id, this.detail.rooms, this.state.roomColouring);
    else this.view.closeBuilding();
    if (this.panel.content) {
      this.panel.content.floorsOpen = this.state.floorsOpen;
      this.panel.render();
    }
  }

  private renderText(): void {
    this.refreshAlerts();
    this.setStatus(this.state.status);
  }
}
