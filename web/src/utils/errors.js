import { ElMessage } from 'element-plus'
import { i18n } from '../i18n/index.js'

const FIELD_KEYS = {
  name: 'workers.name',
  gender: 'workers.gender',
  employee_no: 'workers.employeeNo',
  org_id: 'workers.org',
  org: 'workers.org',
  work_type_ids: 'workers.workTypes',
  work_types: 'workers.workTypes',
  skill_level: 'workers.skillLevel',
  phone: 'workers.phone',
  id_number: 'workers.idNumber',
  username: 'users.username',
  password: 'password.new',
  new_password: 'password.new',
  old_password: 'password.old',
  code: 'workTypes.code',
  effective_date: 'worker.effectiveDate',
  parent_id: 'orgs.parent',
  display_name: 'users.displayName',
  grants: 'users.grants',
  team_name: 'entries.teamName',
  member_ids: 'entries.members',
  min_skill_level: 'competition.minLevel',
  max_skill_level: 'competition.maxLevel',
  worker_ids: 'assessment.workers',
  event_id: 'assessment.practical'
}

/** Human label of an API field name, in the current language. */
export function fieldLabel(field) {
  const t = i18n.global.t
  if (!field) return ''
  const key = FIELD_KEYS[field]
  return key ? t(key) : field
}

/** One import or form problem ({field, code, message}) in the current language; the server's text when the code is new. */
export function problemText(problem) {
  const { t, te } = i18n.global
  const key = `problems.${problem.code}`
  return problem.code && te(key) ? t(key) : problem.message
}

/** Turns any thrown error into one line of text for the current language. */
export function errorText(err) {
  const t = i18n.global.t
  if (!err) return ''
  const msg = err.message || String(err)
  switch (err.code) {
    case 'network_error':
      return t('errors.network')
    case 'csrf_failed':
      return t('errors.csrf')
    default:
      break
  }
  if (err.status === 403) return msg && !/^HTTP /.test(msg) ? msg : t('errors.forbidden')
  if (err.status === 404 && /^HTTP /.test(msg)) return t('errors.notFound')
  if (err.status === 413) return t('errors.tooLarge')
  if (err.field && FIELD_KEYS[err.field]) return t('errors.field', { field: fieldLabel(err.field), msg })
  return msg
}

/** Shows an error with ElMessage (used by every view for failed API calls). */
export function showError(err) {
  // eslint-disable-next-line no-console
  if (!err || !err.status) console.error(err)
  ElMessage({ type: 'error', message: errorText(err), showClose: true, grouping: true })
}

/**
 * Many server messages are bilingual: "中文说明 (English text)". Shows the part of the current
 * language; any other text is returned as it is.
 */
export function localText(msg) {
  if (!msg) return ''
  // The English half is the last parenthesised part and may hold one level of parentheses itself:
  // "(2 entrant(s) not fully marked)". It may quote a Chinese name ("王芳 已报名此赛项 (王芳 is already
  // entered)"), so it counts as English when its Latin letters outnumber its Chinese characters.
  const m = /^(.*?[\u4e00-\u9fff].*?)\s*\(((?:[^()]|\([^()]*\))+)\)\s*$/.exec(String(msg))
  if (!m || !mostlyLatin(m[2])) return String(msg)
  return i18n.global.locale.value === 'en' ? m[2].trim() : m[1].trim()
}

function mostlyLatin(text) {
  const latin = (text.match(/[A-Za-z]/g) || []).length
  const chinese = (text.match(/[\u4e00-\u9fff]/g) || []).length
  return latin > 2 * chinese
}

/** errorText() with bilingual server messages reduced to the current language. */
export function localErrorText(err) {
  return localText(errorText(err))
}

/** showError() for views whose server messages are bilingual. */
export function showLocalError(err) {
  // eslint-disable-next-line no-console
  if (!err || !err.status) console.error(err)
  ElMessage({ type: 'error', message: localErrorText(err), showClose: true, grouping: true })
}

/** The per-item problems of a refusal: `error.problems`, or `error.rows` (how the server sends 422s). */
export function problemsOf(err) {
  if (!err) return []
  return (err.problems && err.problems.length ? err.problems : err.rows) || []
}

/** problemsOf(err), each with `text`: the problem in the current language. */
export function problemRows(err) {
  return problemsOf(err).map((p) => ({ ...p, text: localText(problemText(p)) }))
}
