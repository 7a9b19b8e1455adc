// Talent analytics (English). Merged into en.js; keys must match analytics.zh-CN.js exactly.
export default {
  analytics: {
    title: 'Talent analytics',
    intro: "An organisation's workforce by skill level, beside the city's; click a figure to open the workers behind it.",
    org: 'Organisation',
    pickOrg: 'Choose an organisation',
    noOrg: 'No organisation to analyse',
    tabs: {
      structure: 'Skill structure',
      gaps: 'Post gaps',
      plan: 'Training plan',
      pipeline: 'Pipeline'
    },
    withheld: 'Fewer than 5 people: not shown',
    structure: {
      asOf: 'As of {date}, against a year before ({yearAgo}).',
      isCity: 'This organisation is the whole city: no separate city comparison.',
      workers: 'Workers',
      yearAgoN: '{n} a year ago',
      vsYearAgo: 'change {delta}',
      highSkill: 'High-skilled share',
      highSkillHint: 'Senior worker and above',
      yearAgo: 'A year ago',
      points: '{n} points',
      city: 'City',
      promotions: 'Promotions, last 12 months',
      promotionsUnit: 'rise | rises',
      promotionsHint: 'Rises in skill level in the last twelve months',
      chartTitle: 'Skill levels by work type',
      chartHint: "Each work type has two rows: this organisation, then the city (lighter). Click a segment of the organisation's row to open its workers.",
      chartCityHint: 'One row per work type; click a segment to open its workers.',
      cityRow: 'City',
      tableTitle: 'Workers by work type and level',
      workType: 'Work type',
      level: 'Skill level',
      count: 'Workers',
      share: 'Share',
      yearAgoCount: 'A year ago',
      delta: 'Change',
      cityCount: 'City',
      cityShare: 'City share',
      totalN: '{n} in all',
      promotedN: '{n} promoted',
      highShare: 'High-skilled {share}',
      hiddenLevels: 'Levels not listed have no workers here or in the city.',
      ageTitle: 'Age',
      ageBand: '{from}–{to}',
      ageFrom: '{from} and over',
      peopleN: '{n} worker | {n} workers',
      empty: 'This organisation has no workers yet'
    }
  }
}
