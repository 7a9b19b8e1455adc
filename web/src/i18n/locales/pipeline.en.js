// Promotion pipeline (English). Merged into en.js; keys must match pipeline.zh-CN.js exactly.
export default {
  pipeline: {
    workType: 'Work type',
    pickWorkType: 'Choose a work type',
    rule: "Against the bars of the level above: ready means every band's lower end clears its bar; within reach means every score is less than 5 points below it.",
    considered: 'Considered',
    consideredHint: '{name} workers whose next level has bars',
    ready: 'Ready',
    readyShort: 'May be put forward',
    within: 'Within reach',
    withinShort: 'Every score within 5 points of its bar',
    readyTitle: 'Ready',
    readyHint: 'The portrait meets every bar of the level above.',
    withinTitle: 'Within reach',
    withinHint: 'Closest first; amber is not yet certain, red is short, grey has no evidence.',
    noneReady: 'Nobody is ready yet',
    noneWithin: 'Nobody is within reach',
    shortfall: 'at most {n} points short',
    noShortfall: 'Every score clears its bar; the evidence is not yet conclusive',
    noBars: 'No promotion bars are set for this work type',
    noBarsHint: 'Set the bars of each skill level under Work types & dimensions.',
    setBars: 'Go to work types & dimensions'
  }
}
