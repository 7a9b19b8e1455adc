// 晋级梯队 (简体中文). Merged into zh-CN.js; keys must match pipeline.en.js exactly.
export default {
  pipeline: {
    workType: '工种',
    pickWorkType: '请选择工种',
    rule: '对照上一技能等级的晋级门槛：已达标为各项95%区间下限均过门槛；接近达标为各项得分距门槛不足5分。',
    considered: '纳入评估',
    consideredHint: '{name}中上一等级设有门槛的职工',
    ready: '已达标',
    readyShort: '可推荐晋级',
    within: '接近达标',
    withinShort: '各项得分距门槛不足5分',
    readyTitle: '已达标',
    readyHint: '能力画像已达到上一等级的全部门槛。',
    withinTitle: '接近达标',
    withinHint: '最接近门槛者在前；黄色为尚难判断，红色为未达标，灰色为无证据。',
    noneReady: '暂无已达标的职工',
    noneWithin: '暂无接近达标的职工',
    shortfall: '最多差 {n} 分',
    noShortfall: '得分均已过门槛，证据尚待充分',
    noBars: '该工种尚未设定晋级门槛',
    noBarsHint: '可在“工种与能力维度”中为各技能等级设定晋级门槛。',
    setBars: '前往工种与能力维度'
  }
}
