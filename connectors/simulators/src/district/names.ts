/**
 * Vocabulary tables the generator draws names from: organs of a provincial-level city, room uses of the
 * four categories (党政机关办公用房管理办法, 2017), vehicle models, asset classes and people's names.
 * Plain data: nothing random happens here.
 */

export const CITY = '北京市';
export const CITY_SHORT = '京';
/** 行政区划代码 of the city, used in unified social credit codes. */
export const CITY_DIVISION_CODE = '110000';

/** [full name after the city prefix, short name, 机构类别 1 机关 / 3 群团]. */
export const TOP_AGENCIES: readonly (readonly [string, string, '1' | '3'])[] = [
  ['人民政府办公厅', '市政府办公厅', '1'],
  ['发展和改革委员会', '市发展改革委', '1'],
  ['教育委员会', '市教委', '1'],
  ['科学技术委员会', '市科委', '1'],
  ['经济和信息化局', '市经济和信息化局', '1'],
  ['民族宗教事务委员会', '市民宗委', '1'],
  ['民政局', '市民政局', '1'],
  ['司法局', '市司法局', '1'],
  ['财政局', '市财政局', '1'],
  ['人力资源和社会保障局', '市人力社保局', '1'],
  ['规划和自然资源委员会', '市规划自然资源委', '1'],
  ['生态环境局', '市生态环境局', '1'],
  ['住房和城乡建设委员会', '市住房城乡建设委', '1'],
  ['城市管理委员会', '市城市管理委', '1'],
  ['交通委员会', '市交通委', '1'],
  ['水务局', '市水务局', '1'],
  ['农业农村局', '市农业农村局', '1'],
  ['商务局', '市商务局', '1'],
  ['文化和旅游局', '市文化和旅游局', '1'],
  ['卫生健康委员会', '市卫生健康委', '1'],
  ['退役军人事务局', '市退役军人局', '1'],
  ['应急管理局', '市应急局', '1'],
  ['审计局', '市审计局', '1'],
  ['人民政府外事办公室', '市政府外办', '1'],
  ['人民政府国有资产监督管理委员会', '市国资委', '1'],
  ['市场监督管理局', '市市场监管局', '1'],
  ['广播电视局', '市广电局', '1'],
  ['体育局', '市体育局', '1'],
  ['统计局', '市统计局', '1'],
  ['医疗保障局', '市医保局', '1'],
  ['园林绿化局', '市园林绿化局', '1'],
  ['机关事务管理局', '市机关事务局', '1'],
  ['信访办公室', '市信访办', '1'],
  ['政务服务和数据管理局', '市政务服务和数据局', '1'],
  ['人民防空办公室', '市人防办', '1'],
  ['粮食和物资储备局', '市粮食和储备局', '1'],
  ['药品监督管理局', '市药监局', '1'],
  ['文物局', '市文物局', '1'],
  ['知识产权局', '市知识产权局', '1'],
  ['地方金融管理局', '市金融局', '1'],
  ['人民代表大会常务委员会办公厅', '市人大常委会办公厅', '1'],
  ['政协办公厅', '市政协办公厅', '1'],
  ['总工会', '市总工会', '3'],
  ['妇女联合会', '市妇联', '3'],
  ['科学技术协会', '市科协', '3'],
  ['残疾人联合会', '市残联', '3'],
  ['归国华侨联合会', '市侨联', '3'],
  ['文学艺术界联合会', '市文联', '3'],
];

/** Suffixes of directly-affiliated public institutions (直属事业单位). */
export const SUBORDINATE_SUFFIXES: readonly string[] = [
  '信息中心',
  '机关服务中心',
  '综合事务中心',
  '宣传教育中心',
  '政策研究中心',
  '评审中心',
  '监测中心',
  '培训中心',
  '执法总队',
  '档案管理中心',
  '技术保障中心',
  '考核评价中心',
  '数据中心',
  '应急保障中心',
  '服务保障中心',
];

export const CITY_DISTRICTS: readonly string[] = [
  '东城',
  '西城',
  '朝阳',
  '海淀',
  '丰台',
  '石景山',
  '门头沟',
  '房山',
  '通州',
  '顺义',
  '昌平',
  '大兴',
  '怀柔',
  '平谷',
  '密云',
  '延庆',
];

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌宇浩凯鹏辉晨阳雪琳欣怡婷健波宁帆峰岩瑞涵博海亮冬梅晓丹';

/** Floor plan of one room use: category, Chinese use name, width in structural bays. */
export interface RoomUse {
  category: 'OFFICE' | 'SERVICE' | 'EQUIPMENT' | 'ANCILLARY';
  name: string;
  bays: readonly [number, number];
}

export const USES = {
  office: { category: 'OFFICE', name: '办公室', bays: [1, 2] },
  leaderOffice: { category: 'OFFICE', name: '领导办公室', bays: [2, 3] },
  meeting: { category: 'SERVICE', name: '会议室', bays: [2, 4] },
  reception: { category: 'SERVICE', name: '接待室', bays: [2, 2] },
  archive: { category: 'SERVICE', name: '档案室', bays: [2, 3] },
  print: { category: 'SERVICE', name: '文印室', bays: [1, 1] },
  reading: { category: 'SERVICE', name: '资料室', bays: [1, 2] },
  mailroom: { category: 'SERVICE', name: '收发室', bays: [1, 1] },
  computer: { category: 'SERVICE', name: '计算机房', bays: [2, 3] },
  storage: { category: 'SERVICE', name: '储藏室', bays: [1, 1] },
  toilet: { category: 'SERVICE', name: '卫生间', bays: [1, 1] },
  staffRoom: { category: 'SERVICE', name: '公勤人员用房', bays: [1, 1] },
  guard: { category: 'SERVICE', name: '警卫用房', bays: [1, 1] },
  power: { category: 'EQUIPMENT', name: '变配电室', bays: [3, 4] },
  pump: { category: 'EQUIPMENT', name: '水泵房', bays: [2, 3] },
  tank: { category: 'EQUIPMENT', name: '水箱间', bays: [2, 2] },
  boiler: { category: 'EQUIPMENT', name: '锅炉房', bays: [3, 4] },
  liftMachine: { category: 'EQUIPMENT', name: '电梯机房', bays: [1, 2] },
  chiller: { category: 'EQUIPMENT', name: '制冷机房', bays: [3, 4] },
  telecom: { category: 'EQUIPMENT', name: '通信机房', bays: [1, 1] },
  canteen: { category: 'ANCILLARY', name: '食堂', bays: [6, 8] },
  garage: { category: 'ANCILLARY', name: '汽车库', bays: [8, 12] },
  civilDefence: { category: 'ANCILLARY', name: '人防设施', bays: [4, 6] },
  fireControl: { category: 'ANCILLARY', name: '消防控制室', bays: [1, 2] },
} as const satisfies Record<string, RoomUse>;

export type UseKey = keyof typeof USES;

/** Domestic official-car models: brand, model, body type, energy, displacement (L), seats, price (¥). */
export const VEHICLE_MODELS: readonly {
  brand: string;
  model: string;
  body: string;
  energy: 'BEV' | 'PHEV' | 'HEV' | 'ICE' | 'FCEV';
  litres: number | null;
  seats: number;
  price: number;
  weight: number;
}[] = [
  {
    brand: '红旗',
    model: '红旗H5 1.5T 自动',
    body: '轿车',
    energy: 'ICE',
    litres: 1.5,
    seats: 5,
    price: 158000,
    weight: 14,
  },
  {
    brand: '红旗',
    model: '红旗H5 1.8T 自动',
    body: '轿车',
    energy: 'ICE',
    litres: 1.8,
    seats: 5,
    price: 178000,
    weight: 6,
  },
  {
    brand: '大众',
    model: '帕萨特 330TSI',
    body: '轿车',
    energy: 'ICE',
    litres: 2.0,
    seats: 5,
    price: 199000,
    weight: 8,
  },
  {
    brand: '长安',
    model: '逸动 1.6L 自动',
    body: '轿车',
    energy: 'ICE',
    litres: 1.6,
    seats: 5,
    price: 89000,
    weight: 8,
  },
  {
    brand: '别克',
    model: 'GL8 陆上公务舱',
    body: '商务车',
    energy: 'ICE',
    litres: 2.0,
    seats: 7,
    price: 239000,
    weight: 6,
  },
  {
    brand: '江铃',
    model: '全顺 2.2T 柴油',
    body: '轻型客车',
    energy: 'ICE',
    litres: 2.2,
    seats: 10,
    price: 175000,
    weight: 4,
  },
  {
    brand: '金龙',
    model: 'XMQ6821 中型客车',
    body: '中型客车',
    energy: 'ICE',
    litres: 4.5,
    seats: 24,
    price: 420000,
    weight: 2,
  },
  {
    brand: '丰田',
    model: '凯美瑞 双擎',
    body: '轿车',
    energy: 'HEV',
    litres: 2.5,
    seats: 5,
    price: 209000,
    weight: 3,
  },
  {
    brand: '红旗',
    model: '红旗E-QM5',
    body: '轿车',
    energy: 'BEV',
    litres: null,
    seats: 5,
    price: 169800,
    weight: 8,
  },
  {
    brand: '比亚迪',
    model: '汉EV',
    body: '轿车',
    energy: 'BEV',
    litres: null,
    seats: 5,
    price: 179800,
    weight: 5,
  },
  {
    brand: '比亚迪',
    model: '秦PLUS EV',
    body: '轿车',
    energy: 'BEV',
    litres: null,
    seats: 5,
    price: 119800,
    weight: 5,
  },
  {
    brand: '北汽',
    model: '极狐 阿尔法S',
    body: '轿车',
    energy: 'BEV',
    litres: null,
    seats: 5,
    price: 175000,
    weight: 3,
  },
  {
    brand: '比亚迪',
    model: '秦PLUS DM-i',
    body: '轿车',
    energy: 'PHEV',
    litres: 1.5,
    seats: 5,
    price: 109800,
    weight: 6,
  },
  {
    brand: '比亚迪',
    model: '宋PLUS DM-i',
    body: '越野车',
    energy: 'PHEV',
    litres: 1.5,
    seats: 5,
    price: 155800,
    weight: 2,
  },
  {
    brand: '上汽大通',
    model: 'MAXUS EUNIQ 5 氢燃料',
    body: '商务车',
    energy: 'FCEV',
    litres: null,
    seats: 7,
    price: 179000,
    weight: 1,
  },
];

/**
 * Asset classes, GB/T 14885-2010 seven-digit codes (门类 1 · 大类 2 · 中类 2 · 小类 2). The 大类 codes are
 * those of DOMAIN.md; the 小类 digits are illustrative (the standard's full table was not read), which is
 * enough for a simulator: a connector maps codes through configuration, never through constants.
 */
export const ASSET_CLASSES = {
  desktop: {
    code: '2010104',
    name: '台式计算机',
    spec: ['联想 开天M740Z', '华为 擎云W515', '同方 超翔Z8000'],
    value: [5200, 7800],
  },
  laptop: {
    code: '2010105',
    name: '便携式计算机',
    spec: ['联想 开天N60d', '华为 擎云L420'],
    value: [6200, 9800],
  },
  printer: {
    code: '2010601',
    name: '激光打印机',
    spec: ['奔图 P3305DN', '联想 LJ2655DN'],
    value: [1600, 3400],
  },
  copier: { code: '2020100', name: '复印机', spec: ['震旦 ADC369', '理光 IM C3000'], value: [18000, 36000] },
  projector: {
    code: '2020200',
    name: '投影仪',
    spec: ['爱普生 CB-2265U', '明基 E580'],
    value: [5800, 12000],
  },
  display: {
    code: '2020900',
    name: '会议平板',
    spec: ['海信 86MR6DE', 'MAXHUB V6 86'],
    value: [16000, 32000],
  },
  aircon: { code: '2061800', name: '空调机', spec: ['格力 KFR-72LW', '美的 KFR-51LW'], value: [4200, 9800] },
  car: { code: '2030100', name: '载客汽车', spec: [], value: [0, 0] },
  desk: {
    code: '6010200',
    name: '办公桌',
    spec: ['1.6m 钢木', '1.4m 板式', '2.0m 实木班台'],
    value: [900, 4800],
  },
  chair: { code: '6010300', name: '办公椅', spec: ['网布转椅', '皮质转椅', '会议椅'], value: [320, 1800] },
  cabinet: { code: '6010500', name: '文件柜', spec: ['钢制五节柜', '木质书柜'], value: [700, 2600] },
  sofa: { code: '6010600', name: '沙发', spec: ['三人位皮沙发', '单人位布艺沙发'], value: [1800, 6800] },
  meetingTable: { code: '6010200', name: '会议桌', spec: ['3.6m 板式', '4.8m 实木'], value: [3200, 12800] },
} as const;

export type AssetClassKey = keyof typeof ASSET_CLASSES;

/** Places official cars drive to, WGS-84, around the district. */
export const DESTINATIONS: readonly (readonly [string, number, number])[] = [
  ['市人民政府(正义路)', 116.4091, 39.9042],
  ['北京站', 116.4273, 39.9029],
  ['北京西站', 116.3213, 39.8948],
  ['首都国际机场T3', 116.6102, 40.0525],
  ['大兴国际机场', 116.4105, 39.5098],
  ['通州区人民政府', 116.6562, 39.9097],
  ['北京环球度假区', 116.6795, 39.853],
  ['城市绿心森林公园', 116.7042, 39.8872],
  ['北京城市图书馆', 116.7077, 39.8838],
  ['国家会议中心', 116.3882, 40.0006],
  ['亦庄经济技术开发区', 116.5057, 39.7953],
  ['北京市档案馆', 116.3543, 39.962],
  ['首都医科大学附属友谊医院(通州)', 116.6905, 39.906],
  ['宋庄艺术区', 116.7121, 39.9585],
  ['台湖演艺小镇', 116.6224, 39.8265],
  ['运河商务区', 116.6788, 39.9192],
  ['首都体育馆', 116.3322, 39.9412],
  ['市委党校', 116.3048, 39.9584],
];

export const TRIP_PURPOSES: readonly string[] = [
  '公务接待',
  '会议保障',
  '文件交换',
  '执法检查',
  '调研',
  '应急值守',
  '机要通信',
  '督查检查',
  '接送参会人员',
  '外事活动',
];
