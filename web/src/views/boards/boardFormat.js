// Helpers shared by the live board pages (big screen, phone page, list).
import { onBeforeUnmount, ref } from 'vue'
import { LOCALES, setLocale } from '../../i18n/index.js'
import { formatDuration } from '../../utils/duration.js'

/** A total as shown on boards: two decimals; '—' when there is none. */
export function fmtTotal(v) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return Number(v).toFixed(2)
}

/** A task score: at most two decimals, no trailing zeros; '—' when there is none. */
export function fmtScore(v) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return String(Math.round(Number(v) * 100) / 100)
}

/** The row's state of one task of the board ({ score, marked, of, done }), or null. */
export function taskOf(row, taskId) {
  return ((row && row.tasks) || []).find((x) => String(x.id) === String(taskId)) || null
}

/** A timed task's time (less any venue allowance) as mm:ss; '' when the task is not timed or has no time yet. */
export function taskTime(task) {
  return task && task.seconds !== null && task.seconds !== undefined ? formatDuration(task.seconds) : ''
}

/** How much of a task is marked, 0–100. */
export function taskPct(task) {
  if (!task) return 0
  if (task.done) return 100
  const of = Number(task.of) || 0
  return of > 0 ? Math.min(100, Math.round(((Number(task.marked) || 0) * 100) / of)) : 0
}

/** A task has something to show when at least one of its marks is in. */
export function taskStarted(task) {
  return !!task && (task.done || Number(task.marked) > 0)
}

const pad = (n) => String(n).padStart(2, '0')

/** HH:mm:ss of an RFC 3339 time (local time zone). */
export function clockTime(value) {
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) return ''
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** HH:mm of an RFC 3339 time (local time zone). */
export function shortTime(value) {
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) return ''
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The stream's query from the page's: `org` (an organisation's entrants) and `view=public`. */
export function boardQuery(route) {
  const q = {}
  if (route.query.org) q.org = String(route.query.org)
  if (route.query.view === 'public') q.view = 'public'
  return q
}

/** i18n key of a refused board: 401 needs a login, 403 is not allowed, 404 does not exist. */
export function refusalKey(err) {
  if (!err) return ''
  if (err.status === 401) return 'board.needLogin'
  if (err.status === 403) return 'board.forbidden'
  if (err.status === 404) return 'board.notFound'
  return 'board.loadFailed'
}

/** `?lang=en` / `?lang=zh-CN` on a board link picks the language (screens have no menu to do it). */
export function applyLangQuery(route) {
  const lang = route.query.lang
  if (LOCALES.includes(lang)) setLocale(lang)
}

/** A ref holding the current time, ticking every `ms` while the component lives. */
export function useNow(ms = 1000) {
  const now = ref(new Date())
  const timer = setInterval(() => (now.value = new Date()), ms)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}

/** Entrants, checked in, scoring and finished over all venues of a board. */
export function venueTotals(venues) {
  const out = { entrants: 0, checked_in: 0, scoring: 0, finished: 0 }
  for (const v of venues || []) for (const k of Object.keys(out)) out[k] += Number(v[k]) || 0
  return out
}
