// 技能大脑大屏 (简体中文). Merged into zh-CN.js; keys must match brain.en.js exactly.
export default {
  brain: {
    title: '技能大脑',
    asOf: '数据截至 {date}',
    updatedAt: '更新于 {time}',
    keysHint: '← → 切换页面',
    status: {
      loading: '正在加载',
      live: '实时',
      stale: '连接中断，正在重试',
      failed: '未能加载'
    },
    pages: {
      overview: '技能人才总览',
      structure: '技能等级结构',
      live: '赛事直播',
      improvers: '进步之星'
    },
    forbidden: '无权查看该组织的技能大脑',
    notFound: '组织不存在',
    noOrg: '请先选择组织',
    loadFailed: '数据加载失败',
    refusedHint: '技能大脑仅向可查看该组织职工的账号开放。',
    backHome: '返回系统',
    kpi: {
      workers: '技能人才总数',
      people: '人',
      times: '人次',
      vsYearAgo: '较一年前',
      highShare: '高技能人才占比',
      highHint: '高级工及以上',
      target: '目标',
      noTarget: '未设定目标',
      yearAgo: '一年前',
      pts: '{n} 个百分点',
      toTarget: '距目标还差 {n} 个百分点',
      reached: '已达成目标',
      promotions: '年度晋级',
      promotionsHint: '近十二个月技能等级晋升',
      practice: '今日练习',
      practising: '{n} 人参与练习',
      exams: '今日考试交卷',
      examsHint: '今日提交的考试答卷'
    },
    districts: {
      title: '下属组织技能人才分布',
      sub: '按职工人数排序',
      highSkilled: '高技能人才',
      others: '其他职工',
      workers: '职工',
      listTitle: '下属组织一览',
      name: '组织',
      share: '高技能占比',
      portrait: '画像覆盖',
      none: '该组织没有下属组织'
    },
    structure: {
      title: '各工种技能等级结构',
      sub: '人数 · 等级由低到高',
      none: '暂无职工技能等级数据',
      change: '各等级人数变化',
      changeSub: '较一年前',
      now: '现在',
      yearAgo: '一年前',
      byWorkType: '各工种高技能占比',
      workType: '工种',
      total: '人数',
      share: '高技能占比',
      vsYearAgo: '较一年前',
      promotions: '晋级'
    },
    live: {
      none: '当前没有进行中的赛事',
      noneHint: '赛事开始后，这里将显示各项目的前三名',
      board: '大屏 {id}',
      entrants: '共 {n} 人参赛',
      live: '直播中',
      frozen: '封榜',
      pending: '待揭晓',
      noRows: '暂无成绩',
      more: '另有 {n} 个项目进行中'
    },
    improvers: {
      title: '进步之星',
      sub: '近九十天能力画像综合分提升最多',
      before: '九十天前',
      now: '现在',
      gain: '提升',
      none: '近期暂无能力画像提升的职工',
      agesTitle: '年龄结构',
      ageBand: '{from}–{to} 岁',
      ageFrom: '{from} 岁及以上',
      people: '人数'
    }
  }
}
