/**
 * Official vehicles and their maintenance ledger. Models are domestic makes; about a third of the fleet
 * is new-energy (green plates `京AD…` for pure electric and fuel cell, `京AF…` for plug-in hybrids), in
 * line with the rising NEV share the 2017 rules and the 2024 notice ask for. 机要通信用车 are drawn only
 * from models within ¥120,000 and 1.6 L or new-energy ones.
 */
import { VIN_ALPHABET, withVinCheck } from './codes.ts';
import { GIVEN, SURNAMES, VEHICLE_MODELS } from './names.ts';
import { cumulative, round, type Rng } from './prng.ts';
import type { Agency, MaintenanceRecord, Vehicle, VehicleUseCategory } from './types.ts';
import { DAY_MS, localDate, parseBeijingTime } from '../time.ts';

const WMI: Record<string, string> = {
  红旗: 'LFP',
  大众: 'LSV',
  长安: 'LS5',
  别克: 'LSG',
  江铃: 'LJX',
  金龙: 'LKL',
  丰田: 'LVG',
  比亚迪: 'LGX',
  北汽: 'LNB',
  上汽大通: 'LSK',
};

export function personName(rng: Rng): string {
  const s = SURNAMES.charAt(rng.int(0, SURNAMES.length - 1));
  const g = GIVEN.charAt(rng.int(0, GIVEN.length - 1));
  return rng.chance(0.6) ? s + g + GIVEN.charAt(rng.int(0, GIVEN.length - 1)) : s + g;
}

function isNev(energy: Vehicle['energy']): boolean {
  return energy === 'BEV' || energy === 'PHEV' || energy === 'FCEV';
}

export function generateVehicles(
  rng: Rng,
  count: number,
  agencies: readonly Agency[],
  referenceMs: number,
): { vehicles: Vehicle[]; maintenance: MaintenanceRecord[] } {
  const vehicles: Vehicle[] = [];
  const maintenance: MaintenanceRecord[] = [];
  const staffWeights = cumulative(agencies.map((a) => a.staffing.reduce((s, x) => s + x.count, 0)));
  const modelWeights = VEHICLE_MODELS.map((m, i) => [i, m.weight] as const);
  const referenceYear = Number(localDate(referenceMs).slice(0, 4));
  let maintenanceId = 1;
  for (let index = 0; index < count; index++) {
    const useCategory = rng.weighted<VehicleUseCategory>([
      ['CONFIDENTIAL_COURIER', 8],
      ['EMERGENCY', 15],
      ['LAW_ENFORCEMENT', 25],
      ['SPECIAL_TECHNICAL', 7],
      ['OTHER', 45],
    ]);
    let model = VEHICLE_MODELS[rng.weighted(modelWeights)] as (typeof VEHICLE_MODELS)[number];
    while (
      useCategory === 'CONFIDENTIAL_COURIER' &&
      !(isNev(model.energy) || (model.price <= 120_000 && (model.litres ?? 0) <= 1.6))
    ) {
      model = VEHICLE_MODELS[rng.weighted(modelWeights)] as (typeof VEHICLE_MODELS)[number];
    }
    // A permutation of 0…99999 keeps plates unique for fleets up to 100,000.
    const serial = String((index * 7919 + 13_579) % 100_000).padStart(5, '0');
    const nev = isNev(model.energy);
    const plate = nev ? `京A${model.energy === 'PHEV' ? 'F' : 'D'}${serial}` : `京A${serial}`;
    let vin = WMI[model.brand] ?? 'LZZ';
    for (let i = 3; i < 17; i++) vin += VIN_ALPHABET.charAt(rng.int(0, VIN_ALPHABET.length - 1));
    const year = rng.int(Math.max(2016, referenceYear - 9), referenceYear - 1);
    const purchaseMs = parseBeijingTime(`${year}-01-01`) + rng.int(0, 364) * DAY_MS;
    const ageYears = (referenceMs - purchaseMs) / (365 * DAY_MS);
    const status = rng.weighted([
      ['AVAILABLE', 92],
      ['MAINTENANCE', 5],
      ['RETIRED', 3],
    ] as const);
    const odometerKm = round(ageYears * rng.float(9000, 22000), 1);
    const vehicle: Vehicle = {
      index,
      plate,
      plateColor: nev ? 5 : 1,
      vin: withVinCheck(vin),
      brand: model.brand,
      model: model.model,
      body: model.body,
      energy: model.energy,
      displacement: model.litres,
      seats: model.seats,
      purchaseDate: localDate(purchaseMs),
      price: round(model.price * rng.float(0.94, 1), 2),
      useCategory,
      agencyIndex: rng.weightedIndex(staffWeights),
      status,
      odometerKm,
      terminalNo: `01440${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
      driver: personName(rng),
      updatedAt: referenceMs - rng.int(1, 300) * DAY_MS - rng.int(0, 86_399) * 1000,
    };
    vehicles.push(vehicle);
    const services = rng.int(1, 5);
    for (let i = 0; i < services; i++) {
      const daysAgo = rng.int(5, 700);
      const kind = rng.weighted([
        ['保养', 55],
        ['维修', 25],
        ['年检', 12],
        ['轮胎更换', 8],
      ] as const);
      maintenance.push({
        id: maintenanceId++,
        vehicleIndex: index,
        date: localDate(referenceMs - daysAgo * DAY_MS),
        kind,
        description:
          kind === '保养'
            ? '更换机油机滤,常规检查'
            : kind === '维修'
              ? rng.pick(['更换刹车片', '空调系统维修', '更换蓄电池', '底盘异响检修', '钣金喷漆'])
              : kind === '年检'
                ? '机动车安全技术检验'
                : '更换轮胎四条',
        cost: round(kind === '年检' ? 300 : rng.float(280, 4800), 2),
        odometerKm: round(Math.max(0, odometerKm - (daysAgo / 365) * 15000), 1),
        shop: rng.pick([
          '北京市公务用车定点维修中心',
          '北京华通汽车维修有限公司',
          '北京通运汽车服务有限公司',
        ]),
        updatedAt: referenceMs - Math.max(0, daysAgo - 1) * DAY_MS,
      });
    }
  }
  return { vehicles, maintenance };
}
