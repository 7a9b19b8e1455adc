// 人才分析 (简体中文). Merged into zh-CN.js; keys must match analytics.en.js exactly.
export default {
  analytics: {
    title: '人才分析',
    intro: '按组织分析职工队伍的技能结构，并与全市对比；点击数字可打开对应的职工名单。',
    org: '组织',
    pickOrg: '请选择组织',
    noOrg: '没有可分析的组织',
    tabs: {
      structure: '技能结构',
      gaps: '岗位差距',
      plan: '培训计划',
      pipeline: '晋级梯队'
    },
    withheld: '少于5人，不公开',
    structure: {
      asOf: '截至 {date}，与一年前（{yearAgo}）相比。',
      isCity: '所选组织即全市，不另与全市对比。',
      workers: '职工人数',
      yearAgoN: '一年前 {n} 人',
      vsYearAgo: '较一年前 {delta}',
      highSkill: '高技能人才占比',
      highSkillHint: '高级工及以上',
      yearAgo: '一年前',
      points: '{n} 个百分点',
      city: '全市',
      promotions: '近12个月晋级',
      promotionsUnit: '人次',
      promotionsHint: '近12个月技能等级提升的次数',
      chartTitle: '各工种技能等级结构',
      chartHint: '每个工种上行为本单位、下行（浅色）为全市；点击本单位的色块可打开对应职工名单。',
      chartCityHint: '每个工种一行；点击色块可打开对应职工名单。',
      cityRow: '全市',
      tableTitle: '各工种分等级人数',
      workType: '工种',
      level: '技能等级',
      count: '人数',
      share: '占比',
      yearAgoCount: '一年前',
      delta: '变化',
      cityCount: '全市人数',
      cityShare: '全市占比',
      totalN: '共 {n} 人',
      promotedN: '晋级 {n} 人次',
      highShare: '高技能 {share}',
      hiddenLevels: '未列出的等级，本单位和全市均无人。',
      ageTitle: '年龄结构',
      ageBand: '{from}–{to}岁',
      ageFrom: '{from}岁及以上',
      peopleN: '{n} 人',
      empty: '该组织暂无职工'
    }
  }
}
