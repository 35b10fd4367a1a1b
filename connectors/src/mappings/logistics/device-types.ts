/** The logistics vendor's device types (pinyin) → hub `Device.type`, and the unit of each telemetry key. */
export const DEVICE_TYPES: Record<string, string> = {
  dianbiao: 'METER_ELECTRIC',
  shuibiao: 'METER_WATER',
  yangan: 'FIRE',
  dianti: 'ELEVATOR',
  kongtiao: 'HVAC',
  loushui: 'LEAK',
  menjin: 'ACCESS',
  guangfu: 'PV',
  huanjing: 'ENV',
};

/** Units of telemetry keys by device type (simulators' README, "telemetry"); hub units kWh, m³. */
export const METRIC_UNITS: Record<string, Record<string, string>> = {
  dianbiao: { p: 'kW', ep: 'kWh', ua: 'V', ia: 'A' },
  shuibiao: { flow: 'm³/h', total: 'm³' },
  yangan: { smoke: '', temp: '°C', battery: '%' },
  dianti: { running: '', floor: '', door: '', load: '%' },
  kongtiao: { on: '', setTemp: '°C', returnTemp: '°C', p: 'kW' },
  loushui: { leak: '', battery: '%' },
  menjin: { doorOpen: '', forced: '', passCount: '' },
  guangfu: { p: 'kW', eDay: 'kWh', eTotal: 'kWh' },
  huanjing: { temp: '°C', hum: '%RH', co2: 'ppm' },
};

/** Alarm level (1 紧急 … 4 提示) → hub severity (BACnet bands: life safety → CRITICAL …). */
export const ALARM_SEVERITY: Record<string, 'CRITICAL' | 'MAJOR' | 'MINOR' | 'WARNING' | 'INFO'> = {
  '1': 'CRITICAL',
  '2': 'MAJOR',
  '3': 'MINOR',
  '4': 'WARNING',
};

/** Unwraps an MQTT record (`{topic, payload}`) or passes an API row through. */
export function bodyOf(record: Record<string, unknown>): Record<string, unknown> {
  if (typeof record.topic === 'string' && record.payload && typeof record.payload === 'object') {
    return record.payload as Record<string, unknown>;
  }
  return record;
}
