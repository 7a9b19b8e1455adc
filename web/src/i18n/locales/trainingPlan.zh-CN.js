// 培训计划 (简体中文). Merged into zh-CN.js; keys must match trainingPlan.en.js exactly.
export default {
  trainingPlan: {
    summary: '{workers} 名职工有差距，{courses} 门课程可缩小差距',
    export: '导出Excel',
    rankingTitle: '部门课程优先级',
    rankingHint: '按每学时可缩小的差距排序；预期成绩取该课程已有结业成绩的均分，不足三人时按80分估计。',
    noCourses: '暂无能缩小差距的课程',
    workersTitle: '职工培训建议',
    workersHint: '每名职工最多推荐三门课程，并列出可缩小差距的能力维度及分数。',
    noWorkers: '没有需要培训的职工：所有人都已达到目标',
    noCourseFor: '暂无能缩小其差距的课程',
    rank: '排名',
    course: '课程',
    provider: '举办方',
    hours: '学时',
    hoursN: '{n} 学时',
    workersHelped: '受益人数',
    gapClosed: '缩小差距',
    perHour: '每学时',
    basis: '预期成绩依据',
    basisN: '按{n}人结业成绩',
    basisDefault: '默认80分',
    expected: '预期 {score} 分',
    totalGap: '总差距'
  }
}
