/**
 * The logistics system's MQTT side: retained birth messages, telemetry samples on each device's
 * reporting interval, device alarms, and the anomalies the hub's alert rules should catch. All
 * QoS 1. Message-level fault knobs apply here (README.md, "Fault knobs").
 */
import type { MqttClient } from 'mqtt';
import type { District } from '../district/types.ts';
import { sampleDevice, type TelemetryData } from '../district/telemetry.ts';
import { Rng } from '../district/prng.ts';
import { impossibleDate, toFullwidth, trailingSpaces, type Faults } from '../faults.ts';
import { localDateTime } from '../time.ts';
import { ALARMS, ANOMALY_DEVICE, overlay, type ActiveAnomaly, type AnomalyKind } from './anomalies.ts';
import { birthPayload, buildingName, VENDOR_TYPES, workOrderDay, type DeviceView } from './vocabulary.ts';

const UNITS: Record<string, string> = {
  p: 'kW',
  ep: 'kWh',
  ua: 'V',
  ia: 'A',
  flow: 'm³/h',
  total: 'm³',
  temp: '℃',
  hum: '%RH',
  co2: 'ppm',
  battery: '%',
  load: '%',
  eDay: 'kWh',
  eTotal: 'kWh',
  setTemp: '℃',
  returnTemp: '℃',
};

export interface AlarmEvent {
  alarmId: string;
  kind: AnomalyKind;
  view: DeviceView;
  payload: Record<string, unknown>;
}

interface Message {
  deviceCode: string;
  deviceType: string;
  building: string;
  floor: string;
  ts: number | string;
  seq: number;
  data: TelemetryData;
}

export class LogisticsPublisher {
  private readonly seq = new Map<number, number>();
  private readonly lastSlot = new Map<number, number>();
  private readonly anomalies = new Map<number, ActiveAnomaly>();
  private readonly silent = new Set<number>();
  private readonly byCode: Map<string, DeviceView>;
  private readonly rng: Rng;
  private alarmSeq = 0;
  /** Called after an alarm is published (the system opens work orders from some). */
  onAlarm: (e: AlarmEvent) => void = () => undefined;

  constructor(
    private readonly client: MqttClient,
    private readonly district: District,
    readonly views: readonly DeviceView[],
    private readonly faults: Faults,
  ) {
    this.byCode = new Map(views.map((v) => [v.device.code, v]));
    this.rng = new Rng(`${district.info.seed}/anomalies`);
  }

  async publishBirths(ms: number): Promise<number> {
    await Promise.all(
      this.views.map((v) =>
        this.client.publishAsync(`${v.topicBase}birth`, JSON.stringify(birthPayload(v, ms)), {
          qos: 1,
          retain: true,
        }),
      ),
    );
    return this.views.length;
  }

  /**
   * One telemetry sample from every device that is not silent (`onlyDue`: only from devices whose
   * reporting interval has come round since their last sample). Returns the number of samples.
   */
  async publishTelemetryBatch(ms: number, onlyDue = false): Promise<number> {
    const pending: Promise<unknown>[] = [];
    const dropAt = this.faults.takeDrop() ? Math.floor(this.faults.fraction() * this.views.length) : -1;
    let count = 0;
    for (let i = 0; i < this.views.length; i++) {
      const v = this.views[i] as DeviceView;
      const d = v.device;
      if (this.silent.has(d.index)) continue;
      const interval = d.heartbeatSeconds * 1000;
      const slot = Math.floor(ms / interval);
      if (onlyDue && this.lastSlot.get(d.index) === slot) continue;
      this.lastSlot.set(d.index, slot);
      const ts = onlyDue ? slot * interval : Math.floor(ms / 1000) * 1000;
      if (i === dropAt) (this.client.stream as { destroy?: () => void } | undefined)?.destroy?.();
      const message = this.sample(v, ts);
      await this.faults.delay();
      pending.push(...this.send(v, message));
      count += 1;
      if (this.faults.rollOutOfOrder()) {
        // A late older reading (a gateway's buffered sample) arrives after the newer one.
        const older = this.sample(v, ts - interval, message.seq - 1);
        pending.push(this.client.publishAsync(`${v.topicBase}telemetry`, JSON.stringify(older), { qos: 1 }));
      }
    }
    await Promise.all(pending);
    return count;
  }

  private sample(v: DeviceView, ts: number, seq?: number): Message {
    const d = v.device;
    const n = seq ?? (this.seq.get(d.index) ?? 0) + 1;
    if (seq === undefined) this.seq.set(d.index, n);
    let data = sampleDevice(this.district.info.seed, d, v.building, ts);
    const anomaly = this.anomalies.get(d.index);
    if (anomaly && seq === undefined) {
      data = overlay(data, anomaly);
      if (anomaly.kind === 'meter-spike' && --anomaly.remaining <= 0) this.anomalies.delete(d.index);
    }
    return {
      deviceCode: d.code,
      deviceType: VENDOR_TYPES[d.type],
      building: buildingName(v.building),
      floor: v.floor,
      ts,
      seq: n,
      data,
    };
  }

  private send(v: DeviceView, message: Message): Promise<unknown>[] {
    const topic = `${v.topicBase}telemetry`;
    let m: Message = message;
    const kind = this.faults.rollMalformed();
    const numericKey = Object.keys(m.data).find((k) => typeof m.data[k] === 'number');
    switch (kind) {
      case 'area-with-unit':
        if (numericKey)
          m = { ...m, data: { ...m.data, [numericKey]: `${m.data[numericKey]}${UNITS[numericKey] ?? ''}` } };
        break;
      case 'fullwidth-digits':
        if (numericKey)
          m = { ...m, data: { ...m.data, [numericKey]: toFullwidth(m.data[numericKey] as number) } };
        break;
      case 'impossible-date':
        m = { ...m, ts: impossibleDate(localDateTime(Number(m.ts))) };
        break;
      case 'missing-building':
        m = { ...m, building: '' };
        break;
      case 'duplicate-id':
        m = { ...m, seq: Math.max(1, m.seq - 1) };
        break;
      case 'trailing-spaces':
        m = { ...m, deviceCode: trailingSpaces(m.deviceCode) };
        break;
      case null:
        break;
    }
    let payload = JSON.stringify(m);
    if (this.faults.takeError()) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    const out = [this.client.publishAsync(topic, payload, { qos: 1 })];
    if (this.faults.rollDuplicate()) out.push(this.client.publishAsync(topic, payload, { qos: 1 }));
    return out;
  }

  /** Starts an anomaly on `deviceCode` (or a device of the right type picked from the seed). */
  async raise(
    kind: AnomalyKind,
    ms: number,
    deviceCode?: string,
  ): Promise<{ deviceCode: string; alarmId: string | null }> {
    const type = ANOMALY_DEVICE[kind];
    let view: DeviceView | undefined;
    if (deviceCode) {
      view = this.byCode.get(deviceCode);
      if (!view) throw new Error(`logistics simulator: no device ${deviceCode}`);
      if (type && view.device.type !== type)
        throw new Error(
          `logistics simulator: ${kind} needs a ${type} device, ${deviceCode} is ${view.device.type}`,
        );
    } else {
      const candidates = this.views.filter(
        (v) =>
          (type === null || v.device.type === type) &&
          !this.anomalies.has(v.device.index) &&
          !this.silent.has(v.device.index),
      );
      view = this.rng.pick(candidates);
    }
    const index = view.device.index;
    if (kind === 'silent') {
      this.silent.add(index);
      return { deviceCode: view.device.code, alarmId: null };
    }
    const alarm = ALARMS[kind];
    const alarmId = alarm ? `AL${workOrderDay(ms)}${String(++this.alarmSeq).padStart(6, '0')}` : null;
    this.anomalies.set(index, {
      kind,
      alarmId,
      remaining: kind === 'meter-spike' ? 3 : Infinity,
      factor: this.rng.float(6, 10),
    });
    if (alarm && alarmId) {
      const payload = this.alarmPayload(view, alarmId, 'raise', ms);
      await this.client.publishAsync(`${view.topicBase}alarm`, JSON.stringify(payload), { qos: 1 });
      this.onAlarm({ alarmId, kind, view, payload });
    }
    // The anomaly shows in the device's telemetry at once.
    await Promise.all(this.send(view, this.sample(view, Math.floor(ms / 1000) * 1000)));
    return { deviceCode: view.device.code, alarmId };
  }

  /** Ends an alarm (state `clear`) and puts its device back to normal. */
  async clear(alarmId: string, ms: number): Promise<void> {
    for (const [index, a] of this.anomalies) {
      if (a.alarmId !== alarmId) continue;
      this.anomalies.delete(index);
      const view = this.views[index] as DeviceView;
      const payload = this.alarmPayload(view, alarmId, 'clear', ms, a.kind);
      await this.client.publishAsync(`${view.topicBase}alarm`, JSON.stringify(payload), { qos: 1 });
      return;
    }
    throw new Error(`logistics simulator: no active alarm ${alarmId}`);
  }

  /** Lets a silenced device report again. */
  unsilence(deviceCode: string): void {
    const v = this.byCode.get(deviceCode);
    if (v) this.silent.delete(v.device.index);
  }

  private alarmPayload(
    v: DeviceView,
    alarmId: string,
    state: 'raise' | 'clear',
    ms: number,
    kind?: AnomalyKind,
  ) {
    const a = ALARMS[kind ?? (this.anomalies.get(v.device.index)?.kind as AnomalyKind)];
    if (!a) throw new Error('logistics simulator: alarm without a definition');
    return {
      alarmId,
      deviceCode: v.device.code,
      deviceType: VENDOR_TYPES[v.device.type],
      building: buildingName(v.building),
      floor: v.floor,
      room: v.room,
      alarmType: a.alarmType,
      alarmName: a.alarmName,
      level: a.level,
      levelName: a.levelName,
      state,
      value: state === 'raise' ? a.value : 0,
      message: `${buildingName(v.building)}${v.floor}${v.room ? ` ${v.room}` : ''} ${v.device.name}${state === 'raise' ? a.alarmName : `${a.alarmName}恢复`}`,
      ts: Math.floor(ms / 1000) * 1000,
    };
  }
}
