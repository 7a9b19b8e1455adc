// 技能人才数据库 · 能力画像 (简体中文). Merged into zh-CN.js; keys must match talent.en.js exactly.
export default {
  portrait: {
    title: '我的能力画像',
    downloadPdf: '下载能力画像报告（PDF）',
    cardTitle: '能力画像',
    workType: '工种',
    overall: '综合能力',
    band: '95% 区间 {low}–{high}',
    evidenceCount: '{n} 条证据',
    noEvidence: '暂无证据',
    noneAtAll: '还没有可用于画像的证据。参加考试、竞赛后，这里会显示各能力维度的得分。',
    noWorker: '您的账号尚未关联职工档案，请联系所在单位的人力资源管理员。',
    rankEnterprise: '本单位排名',
    rankAll: '全市排名',
    rankOf: '第 {rank} / {of} 名',
    percentile: '超过 {p}% 的同工种职工',
    trend: '能力变化趋势',
    readiness: '晋级准备度：{level}',
    bar: '门槛 {bar}',
    status: { met: '已达标', short: '未达标', open: '尚难判断', no_evidence: '暂无证据' },
    dimensions: '能力维度',
    mine: '本人',
    peerMedian: '同工种中位数',
    strength: '优势',
    weakness: '待提升',
    evidence: '证据明细',
    evidenceFor: '“{name}”的证据',
    allEvidence: '全部证据',
    share: '得分率',
    weight: '权重',
    observedAt: '时间',
    source: { aspect: '竞赛评分', practice_item: '网上练兵', exam_item: '考试答题' },
    sourceLabel: '来源',
    noEvidenceList: '暂无证据',
    refreshed: '更新于 {t}',
    howRead: '得分为在中等难度任务上预计获得的分数比例（0–100），区间越窄表示证据越充分；同一能力维度证据不足时向同工种平均水平收缩。'
  },
  timeline: {
    title: '职业生涯时间线',
    empty: '暂无记录',
    kind: { competition: '竞赛', certificate: '获奖', exam: '考试', level: '技能等级' }
  },
  levelBars: {
    open: '晋级门槛',
    title: '{name} · 晋级门槛',
    hint: '按技能等级设定能力画像须达到的分数（0–100）：综合分与各能力维度；留空表示不设门槛。职工画像据此显示"晋级准备度"。',
    level: '技能等级',
    none: '不设',
    saved: '门槛已保存'
  }
}
