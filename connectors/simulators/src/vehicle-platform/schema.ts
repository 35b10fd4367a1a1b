/**
 * The vehicle platform's legacy tables, described once and rendered for MariaDB or PostgreSQL: pinyin
 * abbreviations for column names, `create_time`/`update_time` as zone-less Beijing time, codes in CHAR,
 * a soft-delete flag, and the dispatch table keeping times and mileage as text (README.md).
 */

export type Dialect = 'mysql' | 'postgres';

interface Column {
  name: string;
  /** MariaDB type; PostgreSQL's is derived unless `pg` is given. */
  type: string;
  pg?: string;
  comment: string;
  notNull?: boolean;
  default?: string;
}

interface Table {
  name: string;
  comment: string;
  columns: Column[];
  indexes: { name: string; columns: string[]; unique?: boolean }[];
}

const times: Column[] = [
  { name: 'create_time', type: 'DATETIME', comment: '创建时间' },
  { name: 'update_time', type: 'DATETIME', comment: '更新时间' },
];

export const TABLES: Table[] = [
  {
    name: 't_gwc_dw',
    comment: '用车单位',
    columns: [
      { name: 'id', type: 'INT AUTO_INCREMENT', pg: 'SERIAL', comment: '主键', notNull: true },
      { name: 'dwbm', type: 'VARCHAR(20)', comment: '单位编码', notNull: true },
      { name: 'dwmc', type: 'VARCHAR(100)', comment: '单位名称', notNull: true },
      { name: 'tyshxydm', type: 'CHAR(18)', comment: '统一社会信用代码' },
      { name: 'sjdwbm', type: 'VARCHAR(20)', comment: '上级单位编码' },
      { name: 'scbz', type: 'CHAR(1)', comment: '删除标志 0正常 1删除', notNull: true, default: "'0'" },
      ...times,
    ],
    indexes: [{ name: 'uk_dw_dwbm', columns: ['dwbm'], unique: true }],
  },
  {
    name: 't_gwc_cl',
    comment: '公务车辆',
    columns: [
      { name: 'id', type: 'INT AUTO_INCREMENT', pg: 'SERIAL', comment: '主键', notNull: true },
      { name: 'clbh', type: 'VARCHAR(20)', comment: '车辆编号', notNull: true },
      { name: 'cphm', type: 'VARCHAR(12)', comment: '车牌号码', notNull: true },
      { name: 'cpys', type: 'CHAR(1)', comment: '车牌颜色 1蓝 5绿' },
      { name: 'cjh', type: 'VARCHAR(17)', comment: '车架号' },
      { name: 'pp', type: 'VARCHAR(20)', comment: '品牌' },
      { name: 'clxh', type: 'VARCHAR(50)', comment: '车辆型号' },
      { name: 'cllx', type: 'VARCHAR(20)', comment: '车辆类型' },
      {
        name: 'nylx',
        type: 'CHAR(2)',
        comment: '能源类型 01汽油 02柴油 03纯电动 04插电混动 05油电混动 06燃料电池',
      },
      { name: 'pl', type: 'DECIMAL(3,1)', comment: '排量(L)' },
      { name: 'zws', type: 'INT', comment: '座位数' },
      { name: 'gcrq', type: 'DATE', comment: '购车日期' },
      { name: 'gcjg', type: 'DECIMAL(12,2)', comment: '购车价格(元)' },
      {
        name: 'bzlx',
        type: 'CHAR(2)',
        comment: '编制类型 01机要通信 02应急保障 03执法执勤 04特种专业技术 05其他',
      },
      { name: 'dwbm', type: 'VARCHAR(20)', comment: '所属单位编码' },
      { name: 'clzt', type: 'CHAR(1)', comment: '车辆状态 0在编可用 1出车中 2维修中 3已处置' },
      { name: 'zlc', type: 'DECIMAL(10,1)', comment: '总里程(km)' },
      { name: 'zdhm', type: 'VARCHAR(20)', comment: '终端号码' },
      { name: 'jsy', type: 'VARCHAR(20)', comment: '驾驶员' },
      { name: 'scbz', type: 'CHAR(1)', comment: '删除标志 0正常 1删除', notNull: true, default: "'0'" },
      ...times,
    ],
    indexes: [
      { name: 'idx_cl_cphm', columns: ['cphm'] },
      { name: 'idx_cl_update_time', columns: ['update_time'] },
    ],
  },
  {
    name: 't_gwc_pcd',
    comment: '派车单',
    columns: [
      { name: 'id', type: 'INT AUTO_INCREMENT', pg: 'SERIAL', comment: '主键', notNull: true },
      { name: 'pcdh', type: 'VARCHAR(24)', comment: '派车单号' },
      { name: 'cl_id', type: 'INT', comment: '车辆ID' },
      { name: 'cphm', type: 'VARCHAR(12)', comment: '车牌号码' },
      { name: 'ycdw', type: 'VARCHAR(20)', comment: '用车单位编码' },
      { name: 'ycr', type: 'VARCHAR(20)', comment: '用车人' },
      { name: 'ycsy', type: 'VARCHAR(100)', comment: '用车事由' },
      { name: 'cfdd', type: 'VARCHAR(100)', comment: '出发地点' },
      { name: 'mdd', type: 'VARCHAR(100)', comment: '目的地' },
      { name: 'jsy', type: 'VARCHAR(20)', comment: '驾驶员' },
      { name: 'kssj', type: 'VARCHAR(19)', comment: '开始时间' },
      { name: 'jssj', type: 'VARCHAR(19)', comment: '结束时间' },
      { name: 'lc', type: 'VARCHAR(16)', comment: '里程(公里)' },
      { name: 'zt', type: 'CHAR(1)', comment: '状态 1出车中 2已完成 9已取消' },
      ...times,
    ],
    indexes: [
      { name: 'idx_pcd_update_time', columns: ['update_time'] },
      { name: 'idx_pcd_cl_id', columns: ['cl_id'] },
    ],
  },
  {
    name: 't_gwc_gps',
    comment: '车辆定位',
    columns: [
      { name: 'id', type: 'BIGINT AUTO_INCREMENT', pg: 'BIGSERIAL', comment: '主键', notNull: true },
      { name: 'cl_id', type: 'INT', comment: '车辆ID' },
      { name: 'cphm', type: 'VARCHAR(12)', comment: '车牌号码' },
      { name: 'zdhm', type: 'VARCHAR(20)', comment: '终端号码' },
      { name: 'jd', type: 'DECIMAL(10,6)', comment: '经度(GCJ-02)' },
      { name: 'wd', type: 'DECIMAL(10,6)', comment: '纬度(GCJ-02)' },
      { name: 'sd', type: 'DECIMAL(5,1)', comment: '速度(km/h)' },
      { name: 'fx', type: 'SMALLINT', comment: '方向(度)' },
      { name: 'gps_time', type: 'DATETIME', comment: '定位时间' },
      { name: 'create_time', type: 'DATETIME', comment: '入库时间' },
    ],
    indexes: [
      { name: 'idx_gps_cphm_time', columns: ['cphm', 'gps_time'] },
      { name: 'idx_gps_time', columns: ['gps_time'] },
    ],
  },
  {
    name: 't_gwc_wxjl',
    comment: '维修保养记录',
    columns: [
      { name: 'id', type: 'INT AUTO_INCREMENT', pg: 'SERIAL', comment: '主键', notNull: true },
      { name: 'cl_id', type: 'INT', comment: '车辆ID' },
      { name: 'cphm', type: 'VARCHAR(12)', comment: '车牌号码' },
      { name: 'wxrq', type: 'DATE', comment: '维修日期' },
      { name: 'wxlx', type: 'VARCHAR(10)', comment: '维修类型' },
      { name: 'wxnr', type: 'VARCHAR(200)', comment: '维修内容' },
      { name: 'fy', type: 'DECIMAL(10,2)', comment: '费用(元)' },
      { name: 'lc', type: 'DECIMAL(10,1)', comment: '里程(km)' },
      { name: 'wxdw', type: 'VARCHAR(100)', comment: '维修单位' },
      ...times,
    ],
    indexes: [{ name: 'idx_wxjl_cl_id', columns: ['cl_id'] }],
  },
];

function pgType(c: Column): string {
  if (c.pg) return c.pg;
  if (c.type === 'DATETIME') return 'TIMESTAMP(0) WITHOUT TIME ZONE';
  if (c.type === 'DECIMAL(3,1)' || c.type.startsWith('DECIMAL')) return c.type.replace('DECIMAL', 'NUMERIC');
  return c.type;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Statements that drop and re-create every table. */
export function schemaStatements(dialect: Dialect): string[] {
  const out: string[] = [];
  for (const t of TABLES) {
    out.push(`DROP TABLE IF EXISTS ${t.name}`);
    const cols = t.columns.map((c) => {
      const type = dialect === 'mysql' ? c.type : pgType(c);
      const notNull = c.notNull ? ' NOT NULL' : ' NULL';
      const def = c.default ? ` DEFAULT ${c.default}` : '';
      const comment = dialect === 'mysql' ? ` COMMENT ${quote(c.comment)}` : '';
      return `  ${c.name} ${type}${notNull}${def}${comment}`;
    });
    cols.push('  PRIMARY KEY (id)');
    const tail =
      dialect === 'mysql' ? ` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT=${quote(t.comment)}` : '';
    out.push(`CREATE TABLE ${t.name} (\n${cols.join(',\n')}\n)${tail}`);
    for (const ix of t.indexes) {
      out.push(
        `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name} ON ${t.name} (${ix.columns.join(', ')})`,
      );
    }
    if (dialect === 'postgres') {
      out.push(`COMMENT ON TABLE ${t.name} IS ${quote(t.comment)}`);
      for (const c of t.columns) out.push(`COMMENT ON COLUMN ${t.name}.${c.name} IS ${quote(c.comment)}`);
    }
  }
  return out;
}
