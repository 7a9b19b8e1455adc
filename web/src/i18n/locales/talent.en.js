// Talent database and capability portraits (English). Merged into en.js; keys must match talent.zh-CN.js exactly.
export default {
  portrait: {
    title: 'My capability portrait',
    downloadPdf: 'Download the report (PDF)',
    cardTitle: 'Capability portrait',
    workType: 'Work type',
    overall: 'Overall',
    band: '95% band {low}–{high}',
    evidenceCount: '{n} pieces of evidence',
    noEvidence: 'No evidence',
    noneAtAll: 'No evidence for a portrait yet. Scores per capability dimension appear here after exams and competitions.',
    noWorker: 'Your account is not linked to a worker record. Please ask your HR administrator.',
    rankEnterprise: 'In the enterprise',
    rankAll: 'City-wide',
    rankOf: '{rank} of {of}',
    percentile: 'Ahead of {p}% of peers in the work type',
    trend: 'Trend',
    readiness: 'Readiness for {level}',
    bar: 'bar {bar}',
    status: { met: 'Met', short: 'Short', open: 'Not yet clear', no_evidence: 'No evidence' },
    dimensions: 'Capability dimensions',
    mine: 'This worker',
    peerMedian: 'Peer median',
    strength: 'Strength',
    weakness: 'To improve',
    evidence: 'Evidence',
    evidenceFor: 'Evidence for “{name}”',
    allEvidence: 'All evidence',
    share: 'Share of marks',
    weight: 'Weight',
    observedAt: 'When',
    source: { aspect: 'Competition mark', practice_item: 'Practice', exam_item: 'Exam answer' },
    sourceLabel: 'Source',
    noEvidenceList: 'No evidence',
    refreshed: 'Refreshed {t}',
    howRead: 'A score is the expected share of the marks on a task of average difficulty (0–100); a narrower band means more evidence. Thin evidence is pulled towards the peers of the work type.'
  },
  timeline: {
    title: 'Career timeline',
    empty: 'Nothing recorded yet',
    kind: { competition: 'Competition', certificate: 'Award', exam: 'Exam', level: 'Skill level' }
  },
  levelBars: {
    open: 'Level bars',
    title: '{name} · level bars',
    hint: 'Per skill level, the portrait score (0–100) to reach overall and on each dimension; leave a field empty for no bar. Portraits show readiness against them.',
    level: 'Skill level',
    none: 'none',
    saved: 'Bars saved'
  }
}
