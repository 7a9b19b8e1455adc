// The dark look shared by the 技能大脑 charts (ECharts options' pieces).
export const TEXT = 'rgba(200, 225, 255, 0.78)'
export const GRID_LINE = 'rgba(0, 170, 255, 0.12)'
export const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

export const tooltip = (extra = {}) => ({
  confine: true,
  backgroundColor: 'rgba(4, 20, 52, 0.94)',
  borderColor: 'rgba(0, 200, 255, 0.5)',
  textStyle: { color: '#e6f1ff', fontSize: 16, fontFamily: FONT },
  ...extra
})

export const valueAxis = (extra = {}) => ({
  type: 'value',
  minInterval: 1,
  axisLabel: { color: TEXT, fontSize: 15 },
  splitLine: { lineStyle: { color: GRID_LINE } },
  ...extra
})

export const categoryAxis = (data, extra = {}) => ({
  type: 'category',
  data,
  axisTick: { show: false },
  axisLine: { lineStyle: { color: 'rgba(0, 170, 255, 0.35)' } },
  axisLabel: { color: '#cfe6ff', fontSize: 17, interval: 0 },
  ...extra
})

export const legend = (data, extra = {}) => ({
  data,
  top: 0,
  itemWidth: 18,
  itemHeight: 12,
  itemGap: 18,
  textStyle: { color: TEXT, fontSize: 15, fontFamily: FONT },
  ...extra
})
