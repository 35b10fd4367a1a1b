/**
 * User-facing text, Simplified Chinese first (the operations center's language), English second.
 * Elements carry `data-i18n="key"` (text) or `data-i18n-placeholder="key"`; switching language rewrites them.
 */
export const messages = {
  zh: {
    title: '集中办公区数字孪生',
    search: '搜索楼宇、房间号或车牌',
    layers: '图层',
    'layer.alerts': '告警',
    'layer.devices': '设备',
    'layer.vehicles': '车辆',
    'layer.energy': '能耗强度',
    'layer.idle': '闲置用房',
    'layer.labels': '标注',
    'status.connecting': '连接中',
    'status.live': '实时',
    'status.offline': '已断开',
    'status.unauthorized': '密钥无效',
    'alerts.title': '未处理告警',
    'alerts.empty': '暂无告警',
    'panel.code': '编号',
    'panel.floors': '楼层',
    'panel.area': '建筑面积',
    'panel.agencies': '使用单位',
    'panel.compliance': '办公用房核定',
    'panel.compliant': '未超标',
    'panel.over': '超标',
    'panel.alerts': '告警',
    'panel.energy7': '近7日用电',
    'panel.energy30': '近30日用电',
    'panel.noEnergy': '近期暂无用电数据',
    'panel.open': '分层查看',
    'panel.closeFloors': '收起楼层',
    'panel.byCategory': '按用途着色',
    'panel.byIdle': '按闲置着色',
    'panel.close': '关闭',
    'panel.none': '无',
    'panel.rooms': '房间',
    acknowledge: '确认',
    resolve: '处理完毕',
    'severity.CRITICAL': '紧急',
    'severity.MAJOR': '重要',
    'severity.MINOR': '次要',
    'severity.WARNING': '警告',
    'severity.INFO': '提示',
    'alertStatus.OPEN': '未确认',
    'alertStatus.ACKNOWLEDGED': '已确认',
    'alertStatus.RESOLVED': '已处理',
    'login.prompt': '请输入 API 密钥',
    'login.submit': '进入',
    'error.load': '加载失败',
    'error.action': '操作失败',
    'search.none': '未找到',
    language: 'English',
    'unit.floorsAbove': '地上',
    'unit.floorsBelow': '地下',
    'pick.device': '设备',
    'pick.vehicle': '车辆',
    'pick.room': '房间',
    'pick.area': '使用面积',
  },
  en: {
    title: 'Office District Digital Twin',
    search: 'Search building, room number or plate',
    layers: 'Layers',
    'layer.alerts': 'Alerts',
    'layer.devices': 'Devices',
    'layer.vehicles': 'Vehicles',
    'layer.energy': 'Energy intensity',
    'layer.idle': 'Idle space',
    'layer.labels': 'Labels',
    'status.connecting': 'Connecting',
    'status.live': 'Live',
    'status.offline': 'Disconnected',
    'status.unauthorized': 'Invalid key',
    'alerts.title': 'Open alerts',
    'alerts.empty': 'No alerts',
    'panel.code': 'Code',
    'panel.floors': 'Floors',
    'panel.area': 'Gross area',
    'panel.agencies': 'Agencies',
    'panel.compliance': 'Office-space compliance',
    'panel.compliant': 'Within standard',
    'panel.over': 'Over standard',
    'panel.alerts': 'Alerts',
    'panel.energy7': 'Electricity, last 7 days',
    'panel.energy30': 'Electricity, last 30 days',
    'panel.noEnergy': 'No electricity data for these days yet',
    'panel.open': 'Open floors',
    'panel.closeFloors': 'Close floors',
    'panel.byCategory': 'Colour by use',
    'panel.byIdle': 'Colour by idle status',
    'panel.close': 'Close',
    'panel.none': 'None',
    'panel.rooms': 'Rooms',
    acknowledge: 'Acknowledge',
    resolve: 'Resolve',
    'severity.CRITICAL': 'Critical',
    'severity.MAJOR': 'Major',
    'severity.MINOR': 'Minor',
    'severity.WARNING': 'Warning',
    'severity.INFO': 'Info',
    'alertStatus.OPEN': 'Open',
    'alertStatus.ACKNOWLEDGED': 'Acknowledged',
    'alertStatus.RESOLVED': 'Resolved',
    'login.prompt': 'Enter your API key',
    'login.submit': 'Enter',
    'error.load': 'Could not load',
    'error.action': 'Action failed',
    'search.none': 'Nothing found',
    language: '中文',
    'unit.floorsAbove': 'above',
    'unit.floorsBelow': 'below',
    'pick.device': 'Device',
    'pick.vehicle': 'Vehicle',
    'pick.room': 'Room',
    'pick.area': 'Usable area',
  },
} as const satisfies Record<string, Record<string, string>>;

export type Language = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['zh'];

let language: Language = 'zh';
const listeners = new Set<() => void>();

export function t(key: MessageKey): string {
  return messages[language][key];
}

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(next: Language, root: ParentNode = document): void {
  language = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  translate(root);
  for (const listener of listeners) listener();
}

/** Re-run `render` whenever the language changes (for text built in code, not marked up). */
export function onLanguageChange(render: () => void): void {
  listeners.add(render);
}

export function translate(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder as MessageKey);
  }
}
