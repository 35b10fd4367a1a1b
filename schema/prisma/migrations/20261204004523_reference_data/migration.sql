-- CreateEnum
CREATE TYPE "ConversionTarget" AS ENUM ('STANDARD_COAL', 'CO2');

-- CreateEnum
CREATE TYPE "BenchmarkKind" AS ENUM ('BASELINE', 'TARGET');

-- AlterTable
ALTER TABLE "SpaceStandard" ADD COLUMN     "document" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "areaPerPerson" SET DATA TYPE DECIMAL(8,2);

-- CreateTable
CREATE TABLE "EnergyConversionFactor" (
    "id" SERIAL NOT NULL,
    "carrier" "EnergyCarrier" NOT NULL,
    "target" "ConversionTarget" NOT NULL,
    "unit" TEXT NOT NULL,
    "value" DECIMAL(14,6) NOT NULL,
    "fromYear" INTEGER NOT NULL,
    "edition" TEXT NOT NULL,

    CONSTRAINT "EnergyConversionFactor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridEmissionFactor" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "dataYear" INTEGER NOT NULL,
    "basis" TEXT NOT NULL,
    "kgCo2PerKwh" DECIMAL(8,4) NOT NULL,
    "edition" TEXT NOT NULL,

    CONSTRAINT "GridEmissionFactor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnergyBenchmark" (
    "id" SERIAL NOT NULL,
    "indicator" TEXT NOT NULL,
    "kind" "BenchmarkKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "value" DECIMAL(12,4),
    "change" DECIMAL(6,4),
    "baseYear" INTEGER,
    "edition" TEXT NOT NULL,

    CONSTRAINT "EnergyBenchmark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EnergyConversionFactor_carrier_target_fromYear_key" ON "EnergyConversionFactor"("carrier", "target", "fromYear");

-- CreateIndex
CREATE UNIQUE INDEX "GridEmissionFactor_scope_dataYear_basis_key" ON "GridEmissionFactor"("scope", "dataYear", "basis");

-- CreateIndex
CREATE UNIQUE INDEX "EnergyBenchmark_indicator_kind_year_key" ON "EnergyBenchmark"("indicator", "kind", "year");

-- Reference data (issue 18). Rows are keyed by their edition or year: a later edition is a new
-- migration adding rows, and a re-run of these statements changes nothing.

-- The 2014 office-space standard, per-person office usable area, all four levels. The hub rank codes are
-- GB/T 12407 grades (connectors/src/mappings/office-space/ranks.ts): BELOW_DIVISION is the older folded
-- code for everything under 副处级, which only the three upper levels can place.
INSERT INTO "SpaceStandard" ("edition", "document", "adminLevel", "rank", "rankName", "areaPerPerson") VALUES
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'PROVINCIAL_PRINCIPAL', '部级正职', 54),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'PROVINCIAL_DEPUTY', '部级副职', 42),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'BUREAU_PRINCIPAL', '正司(局)级', 24),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'BUREAU_DEPUTY', '副司(局)级', 18),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'DIVISION_PRINCIPAL', '处级', 12),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'DIVISION_DEPUTY', '处级', 12),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'SECTION_PRINCIPAL', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'SECTION_DEPUTY', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'BELOW_SECTION', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'CENTRAL', 'BELOW_DIVISION', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'PROVINCIAL_PRINCIPAL', '省级正职', 54),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'PROVINCIAL_DEPUTY', '省级副职', 42),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'BUREAU_PRINCIPAL', '正厅(局)级', 30),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'BUREAU_DEPUTY', '副厅(局)级', 24),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'DIVISION_PRINCIPAL', '正处级', 18),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'DIVISION_DEPUTY', '副处级', 12),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'SECTION_PRINCIPAL', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'SECTION_DEPUTY', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'BELOW_SECTION', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'PROVINCIAL', 'BELOW_DIVISION', '处级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'BUREAU_PRINCIPAL', '市级正职', 42),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'BUREAU_DEPUTY', '市级副职', 30),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'DIVISION_PRINCIPAL', '正局(处)级', 24),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'DIVISION_DEPUTY', '副局(处)级', 18),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'SECTION_PRINCIPAL', '局(处)级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'SECTION_DEPUTY', '局(处)级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'BELOW_SECTION', '局(处)级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'MUNICIPAL', 'BELOW_DIVISION', '局(处)级以下', 9),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'COUNTY', 'DIVISION_PRINCIPAL', '县级正职', 30),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'COUNTY', 'DIVISION_DEPUTY', '县级副职', 24),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'COUNTY', 'SECTION_PRINCIPAL', '正科级', 18),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'COUNTY', 'SECTION_DEPUTY', '副科级', 12),
  ('2014', '党政机关办公用房建设标准（发改投资〔2014〕2674号）', 'COUNTY', 'BELOW_SECTION', '科级以下', 9)
ON CONFLICT ("edition", "adminLevel", "rank") DO UPDATE SET "document" = EXCLUDED."document",
  "rankName" = EXCLUDED."rankName", "areaPerPerson" = EXCLUDED."areaPerPerson";

-- Standard coal and CO₂ per unit (GB/T 2589-2020 as commonly quoted: electricity at 当量值). 1 kgce =
-- 29,307.6 kJ, so 1 GJ of heat is 34.120842 kgce. Natural gas at 38,931 kJ/m³ (1.2143 kgce/m³), its CO₂
-- by the IPCC 2006 default 56,100 kgCO₂/TJ: purchased heat 0.11 tCO₂/GJ.
INSERT INTO "EnergyConversionFactor" ("carrier", "target", "unit", "value", "fromYear", "edition") VALUES
  ('ELECTRICITY', 'STANDARD_COAL', 'kWh', 0.1229, 2020, 'GB/T 2589-2020 综合能耗计算通则, electricity 当量值'),
  ('PV', 'STANDARD_COAL', 'kWh', 0.1229, 2020, 'GB/T 2589-2020 综合能耗计算通则, electricity 当量值 (PV offsets a purchase)'),
  ('GAS', 'STANDARD_COAL', 'm³', 1.2143, 2020, 'GB/T 2589-2020 综合能耗计算通则 Appendix A, natural gas 38,931 kJ/m³'),
  ('HEAT', 'STANDARD_COAL', 'GJ', 34.120842, 2020, 'definition: 1 kgce = 29,307.6 kJ'),
  ('GAS', 'CO2', 'm³', 2.184, 2020, 'IPCC 2006 Guidelines vol. 2 table 2.2 × GB/T 2589-2020 calorific value'),
  ('HEAT', 'CO2', 'GJ', 110, 2020, '国家发展改革委 公共机构温室气体排放核算指南, purchased heat 0.11 tCO₂/GJ')
ON CONFLICT ("carrier", "target", "fromYear") DO NOTHING;

-- Grid CO₂ factors, kgCO₂/kWh, by scope and data year (domain-brief.md §3.4). Bases: the average grid
-- factor: the national factor excluding market-traded non-fossil power (for the non-green remainder of
-- a consumption with green-power purchases): national fossil power. Beijing has no provincial factor.
INSERT INTO "GridEmissionFactor" ("scope", "dataYear", "basis", "kgCo2PerKwh", "edition") VALUES
  ('national', 2021, 'average', 0.5568, '生态环境部 国家统计局 公告2024年第12号 (2021 data)'),
  ('national', 2021, 'fossil', 0.8426, '生态环境部 国家统计局 公告2024年第12号 (2021 data)'),
  ('national', 2022, 'average', 0.5366, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('national', 2022, 'excluding-market-non-fossil', 0.5856, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('national', 2022, 'fossil', 0.8325, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('national', 2023, 'average', 0.5306, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('national', 2023, 'excluding-market-non-fossil', 0.6096, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('national', 2023, 'fossil', 0.8273, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('north-china', 2022, 'average', 0.6776, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('north-east', 2022, 'average', 0.5564, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('east-china', 2022, 'average', 0.5617, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('central-china', 2022, 'average', 0.5395, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('north-west', 2022, 'average', 0.5857, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('south', 2022, 'average', 0.3869, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('south-west', 2022, 'average', 0.2268, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('tianjin', 2022, 'average', 0.7041, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('hebei', 2022, 'average', 0.7252, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('shanxi', 2022, 'average', 0.7096, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('inner-mongolia', 2022, 'average', 0.6849, '生态环境部 国家统计局 2024-12-20 (2022 data)'),
  ('north-china', 2023, 'average', 0.6361, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('north-east', 2023, 'average', 0.5122, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('east-china', 2023, 'average', 0.55, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('central-china', 2023, 'average', 0.5271, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('north-west', 2023, 'average', 0.5543, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('south', 2023, 'average', 0.4042, '生态环境部 国家统计局 2026 announcement (2023 data)'),
  ('south-west', 2023, 'average', 0.2472, '生态环境部 国家统计局 2026 announcement (2023 data)')
ON CONFLICT ("scope", "dataYear", "basis") DO NOTHING;

-- National public-institution indicators: the 2020 baseline and the 2025 targets against it.
INSERT INTO "EnergyBenchmark" ("indicator", "kind", "year", "unit", "value", "change", "baseYear", "edition") VALUES
  ('ENERGY_PER_M2', 'BASELINE', 2020, 'kgce/m²', 18.48, NULL, NULL, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('ENERGY_PER_PERSON', 'BASELINE', 2020, 'kgce/person', 329.56, NULL, NULL, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('WATER_PER_PERSON', 'BASELINE', 2020, 'm³/person', 21.53, NULL, NULL, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('ENERGY_PER_M2', 'TARGET', 2025, 'kgce/m²', 17.556, -0.05, 2020, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('ENERGY_PER_PERSON', 'TARGET', 2025, 'kgce/person', 309.7864, -0.06, 2020, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('WATER_PER_PERSON', 'TARGET', 2025, 'm³/person', 20.2382, -0.06, 2020, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)'),
  ('CO2_PER_M2', 'TARGET', 2025, 'kgCO₂/m²', NULL, -0.07, 2020, '十四五公共机构节约能源资源工作规划 (国管局、国家发展改革委, 2021-06-01)')
ON CONFLICT ("indicator", "kind", "year") DO NOTHING;
