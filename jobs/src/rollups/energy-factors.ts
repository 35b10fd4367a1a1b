import type { EnergyCarrier } from '@district-hub/schema';

/**
 * Conversion factors of the energy rollup, each with the edition or data year it comes from, so that a
 * newer edition is added beside the old one rather than silently replacing it (DOMAIN.md, "Energy and
 * carbon"; long form in domain-brief.md). All of it is configuration: `rollupEnergy` takes a whole
 * `EnergyFactors` and these are only the defaults.
 */
export interface Factor {
  value: number;
  /** Where the value comes from: the standard, edition or publication and year. */
  edition: string;
}

export interface GridCo2Factor {
  /** `national`, a grid region (`north-china` = 华北) or a province (`tianjin`). */
  scope: string;
  /** The year the factor describes; a consumption year picks the factor of its own year or the latest before it. */
  dataYear: number;
  basis: string;
  kgCo2PerKwh: number;
  edition: string;
}

export interface EnergyFactors {
  /** kgce per unit of the carrier; none for water. PV counts the purchase it offsets, with the electricity factor. */
  standardCoal: Partial<Record<EnergyCarrier, Factor>>;
  /** kgCO₂ per unit for carriers whose factor does not depend on the grid. */
  co2: Partial<Record<EnergyCarrier, Factor>>;
  /** Electricity (and PV offset) kgCO₂ per kWh, by scope and data year. */
  gridCo2: GridCo2Factor[];
  /** Which `gridCo2` scope applies to the district; default `north-china` (Beijing, Tianjin, Hebei…). */
  gridScope: string;
}

const ELECTRICITY_COAL: Factor = {
  value: 0.1229,
  edition: 'GB/T 2589-2020 综合能耗计算通则, electricity at calorific equivalent (当量值)',
};
const GRID_BASIS = 'average grid emission factor, 生态环境部 + 国家统计局';

export const DEFAULT_ENERGY_FACTORS: EnergyFactors = {
  standardCoal: {
    ELECTRICITY: ELECTRICITY_COAL,
    PV: ELECTRICITY_COAL,
    // GB/T 2589-2020 gives 1.100–1.330 kgce/m³ by calorific value; 1.2143 is the usual mid value (38,931 kJ/m³).
    GAS: { value: 1.2143, edition: 'GB/T 2589-2020 Appendix A, natural gas 38,931 kJ/m³' },
    // 1 GJ / 29,307.6 kJ per kgce, by the definition of standard coal.
    HEAT: { value: 1e6 / 29_307.6, edition: 'definition: 1 kgce = 29,307.6 kJ' },
  },
  co2: {
    // IPCC 2006 default 56,100 kgCO₂/TJ for natural gas × 38,931 kJ/m³.
    GAS: { value: 2.184, edition: 'IPCC 2006 Guidelines vol. 2 table 2.2 × GB/T 2589-2020 calorific value' },
    HEAT: { value: 110, edition: '国家发改委 公共机构温室气体排放核算指南, purchased heat 0.11 tCO₂/GJ' },
  },
  gridCo2: [
    {
      scope: 'national',
      dataYear: 2022,
      basis: GRID_BASIS,
      kgCo2PerKwh: 0.5366,
      edition: '2024 announcement (2022 data)',
    },
    {
      scope: 'national',
      dataYear: 2023,
      basis: GRID_BASIS,
      kgCo2PerKwh: 0.5306,
      edition: '2025 announcement (2023 data)',
    },
    {
      scope: 'north-china',
      dataYear: 2022,
      basis: GRID_BASIS,
      kgCo2PerKwh: 0.6776,
      edition: '2024 announcement (2022 data)',
    },
    {
      scope: 'north-china',
      dataYear: 2023,
      basis: GRID_BASIS,
      kgCo2PerKwh: 0.6361,
      edition: '2025 announcement (2023 data)',
    },
    {
      scope: 'tianjin',
      dataYear: 2022,
      basis: GRID_BASIS,
      kgCo2PerKwh: 0.7041,
      edition: '2024 announcement (2022 data)',
    },
  ],
  gridScope: 'north-china',
};

/**
 * The grid factor for consumption in `year`: that year's, else the latest earlier one, else (for years
 * before the table starts) the earliest. Undefined when the scope has no factor at all.
 */
export function gridFactorFor(factors: EnergyFactors, year: number): GridCo2Factor | undefined {
  const ofScope = factors.gridCo2
    .filter((factor) => factor.scope === factors.gridScope)
    .sort((a, b) => a.dataYear - b.dataYear);
  return ofScope.filter((factor) => factor.dataYear <= year).at(-1) ?? ofScope[0];
}

/** Standard coal and CO₂ of a quantity of a carrier consumed in `year`; null where no factor applies. */
export function convertEnergy(
  factors: EnergyFactors,
  carrier: EnergyCarrier,
  quantity: number,
  year: number,
): { standardCoalKg: number | null; co2Kg: number | null } {
  const coal = factors.standardCoal[carrier];
  const co2PerUnit =
    carrier === 'ELECTRICITY' || carrier === 'PV'
      ? gridFactorFor(factors, year)?.kgCo2PerKwh
      : factors.co2[carrier]?.value;
  return {
    standardCoalKg: coal ? quantity * coal.value : null,
    co2Kg: co2PerUnit === undefined ? null : quantity * co2PerUnit,
  };
}
