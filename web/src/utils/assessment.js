// 岗位技能考核: code lists (API codes → i18n keys, spelt out so that every key is a literal) and how the
// pages write scores. A score is {score, low, high, evidence} on 0–100 with its 95 % band; null means
// "no evidence", which the pages say in words and never show as 0.

export const EXAM_STATUS_LABEL = {
  draft: 'assessment.examStatus.draft',
  published: 'assessment.examStatus.published',
  closed: 'assessment.examStatus.closed'
}
export const EXAM_STATUS_TAG = { draft: 'info', published: 'success', closed: 'warning' }

// One worker's sitting of the assessment's exam.
export const SITTING_LABEL = {
  not_started: 'assessment.sitting.notStarted',
  active: 'assessment.sitting.active',
  submitted: 'assessment.sitting.submitted'
}
export const SITTING_TAG = { not_started: 'info', active: 'warning', submitted: 'success' }

// The assessment's window against the clock.
export const WINDOW_LABEL = {
  upcoming: 'assessment.window.upcoming',
  open: 'assessment.window.open',
  ended: 'assessment.window.ended'
}
export const WINDOW_TAG = { upcoming: 'info', open: 'primary', ended: 'warning' }

export function windowState(a, now = Date.now()) {
  if (!a) return 'ended'
  if (a.exam_status === 'closed' || now >= new Date(a.closes_at).getTime()) return 'ended'
  if (now < new Date(a.opens_at).getTime()) return 'upcoming'
  return 'open'
}

/** May the worker still sit the exam: published, in its window, not yet submitted. */
export function canTake(a, worker, now = Date.now()) {
  return !!a && !!worker && a.exam_status === 'published' && windowState(a, now) === 'open' && worker.exam_status !== 'submitted'
}

export const round = (x) => Math.round(Number(x))

/** Half the band's width, rounded: the "± 6" of "73 ± 6". */
export function bandHalf(s) {
  return Math.round((Number(s.high) - Number(s.low)) / 2)
}

/** "73 ± 6"; '' for no score (the caller says 无证据). */
export function scoreText(s) {
  return s ? `${round(s.score)} ± ${bandHalf(s)}` : ''
}

/** A mark as people write it: 16, 17.5 (never 17.499999); '—' when there is none. */
export function marksText(n) {
  if (n === null || n === undefined || n === '') return '—'
  return String(Math.round(Number(n) * 100) / 100)
}

/** 'strength', 'weakness' or '' for one dimension of a worker's report. */
export function verdict(worker, dimensionId) {
  const id = String(dimensionId)
  if ((worker.strengths || []).some((x) => String(x) === id)) return 'strength'
  if ((worker.weaknesses || []).some((x) => String(x) === id)) return 'weakness'
  return ''
}
