// Skills Brain big screen (English). Merged into en.js; keys must match brain.zh-CN.js exactly.
export default {
  brain: {
    title: 'Skills Brain',
    asOf: 'Figures as of {date}',
    updatedAt: 'Updated {time}',
    keysHint: '← → to switch pages',
    status: {
      loading: 'Loading',
      live: 'Live',
      stale: 'Connection lost, retrying',
      failed: 'Not loaded'
    },
    pages: {
      overview: 'Skilled workforce',
      structure: 'Skill levels',
      live: 'Live competitions',
      improvers: 'Rising stars'
    },
    forbidden: 'You may not view the Skills Brain of this organisation',
    notFound: 'No such organisation',
    noOrg: 'Please pick an organisation',
    loadFailed: 'The figures could not be loaded',
    refusedHint: 'The Skills Brain is open to accounts that may read the organisation\'s workers.',
    backHome: 'Back to the app',
    kpi: {
      workers: 'Skilled workers',
      people: 'people',
      times: 'times',
      vsYearAgo: 'vs a year ago',
      highShare: 'High-skilled share',
      highHint: 'Senior worker and above',
      target: 'Target',
      noTarget: 'No target set',
      yearAgo: 'A year ago',
      pts: '{n} pts',
      toTarget: '{n} pts short of the target',
      reached: 'Target reached',
      promotions: 'Promotions this year',
      promotionsHint: 'Level rises in the last twelve months',
      practice: 'Practice today',
      practising: '{n} workers practising',
      exams: 'Exams handed in today',
      examsHint: 'Exam papers submitted today'
    },
    districts: {
      title: 'Skilled workers by district',
      sub: 'Most workers first',
      highSkilled: 'High-skilled',
      others: 'Other workers',
      workers: 'Workers',
      listTitle: 'Districts',
      name: 'Organisation',
      share: 'High-skilled',
      portrait: 'Portraits',
      none: 'This organisation has no districts below it'
    },
    structure: {
      title: 'Skill levels by work type',
      sub: 'Workers · lowest level first',
      none: 'No skill levels recorded yet',
      change: 'Change per level',
      changeSub: 'vs a year ago',
      now: 'Now',
      yearAgo: 'A year ago',
      byWorkType: 'High-skilled share by work type',
      workType: 'Work type',
      total: 'Workers',
      share: 'High-skilled',
      vsYearAgo: 'vs a year ago',
      promotions: 'Promoted'
    },
    live: {
      none: 'No competition under way',
      noneHint: 'Once a competition starts, each event\'s top three show here',
      board: 'Board {id}',
      entrants: '{n} entrants',
      live: 'Live',
      frozen: 'Frozen',
      pending: 'To be revealed',
      noRows: 'No results yet',
      more: '{n} more events under way'
    },
    improvers: {
      title: 'Rising stars',
      sub: 'Largest rise of the overall portrait score in ninety days',
      before: '90 days ago',
      now: 'Now',
      gain: 'Gain',
      none: 'No worker\'s portrait has risen lately',
      agesTitle: 'Age structure',
      ageBand: '{from}–{to}',
      ageFrom: '{from} and over',
      people: 'Workers'
    }
  }
}
