// Training plan (English). Merged into en.js; keys must match trainingPlan.zh-CN.js exactly.
export default {
  trainingPlan: {
    summary: '{workers} workers with gaps, {courses} courses that close some',
    export: 'Export Excel',
    rankingTitle: 'Courses for the department',
    rankingHint: "Ranked by the gap closed per hour; the expected score is the course's mean final score, 80 until three completions are scored.",
    noCourses: 'No course closes any of the gaps',
    workersTitle: 'Plans by worker',
    workersHint: 'Up to three courses per worker, with the dimensions they close and by how many points.',
    noWorkers: 'Nobody needs training: everyone meets the targets',
    noCourseFor: "No course closes this worker's gaps",
    rank: 'Rank',
    course: 'Course',
    provider: 'Provider',
    hours: 'Hours',
    hoursN: '{n} h',
    workersHelped: 'Workers helped',
    gapClosed: 'Gap closed',
    perHour: 'Per hour',
    basis: 'Expected score from',
    basisN: "{n} trainees' final scores",
    basisDefault: 'default 80',
    expected: 'expected {score}',
    totalGap: 'Total gap'
  }
}
