// Code lists of the API contract. Labels come from i18n (keys under level.*, gender.*, role.*, orgKind.*).

// 新八级工, lowest first (the five-level scheme's levels keep their codes).
export const SKILL_LEVELS = ['apprentice', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician', 'special_technician', 'chief_technician']
export const GENDERS = ['male', 'female']
export const ORG_KINDS = ['city_union', 'industry_union', 'district_union', 'enterprise']
export const ROLES = ['admin', 'organiser', 'chief_judge', 'judge', 'worker', 'hr', 'viewer']

// Message key per skill level (spelt out, so that no key is built at run time).
export const LEVEL_LABEL = {
  apprentice: 'level.apprentice',
  junior: 'level.junior',
  intermediate: 'level.intermediate',
  senior: 'level.senior',
  technician: 'level.technician',
  senior_technician: 'level.senior_technician',
  special_technician: 'level.special_technician',
  chief_technician: 'level.chief_technician'
}

// Tag colour per skill level (Element Plus tag types).
export const LEVEL_TAG = {
  apprentice: 'info',
  junior: 'info',
  intermediate: '',
  senior: 'success',
  technician: 'warning',
  senior_technician: 'danger',
  special_technician: 'danger',
  chief_technician: 'danger'
}

/** Does `level` lie within an event's limits (min = the lowest level admitted, max = the highest)? */
export function levelWithin(level, min, max) {
  const i = SKILL_LEVELS.indexOf(level)
  if (i < 0) return true // no known level: the server decides
  if (min && i < SKILL_LEVELS.indexOf(min)) return false
  if (max && i > SKILL_LEVELS.indexOf(max)) return false
  return true
}

/** An event's skill-level limits in words (中级工及以上, 初级工至高级工 …); '' when it has none. */
export function levelLimitText(t, event) {
  const min = event && event.min_skill_level
  const max = event && event.max_skill_level
  const name = (code) => t(`level.${code}`)
  if (min && max) return min === max ? t('competition.levelOnly', { level: name(min) }) : t('competition.levelBetween', { min: name(min), max: name(max) })
  if (min) return t('competition.levelAtLeast', { level: name(min) })
  if (max) return t('competition.levelAtMost', { level: name(max) })
  return ''
}

/** An entry of a team event (团体赛): its `worker_name` is the team's name, `members` the team, captain first. */
export function isTeamEntry(entry) {
  return !!(entry && entry.team_name)
}

/** Which roles the user holds, in any organisation. */
export function rolesOf(user) {
  return new Set(((user && user.grants) || []).map((g) => g.role))
}

function hasAny(user, roles) {
  const mine = rolesOf(user)
  return roles.some((r) => mine.has(r))
}

// What each role may do (contract, "foundation"). The server is the authority; these only shape the UI.
export const can = {
  readDirectory: (u) =>
    hasAny(u, ['admin', 'organiser', 'hr', 'chief_judge', 'judge', 'viewer']),
  readWorkTypes: (u) =>
    hasAny(u, ['admin', 'organiser', 'hr', 'chief_judge', 'judge', 'viewer', 'worker']),
  writeOrgs: (u) => hasAny(u, ['admin', 'organiser']),
  writeWorkTypes: (u) => hasAny(u, ['admin', 'organiser']),
  writeWorkers: (u) => hasAny(u, ['admin', 'organiser', 'hr']),
  importExport: (u) => hasAny(u, ['admin', 'organiser', 'hr']),
  seePii: (u) => hasAny(u, ['admin', 'hr']),
  manageUsers: (u) => hasAny(u, ['admin']),
  readAudit: (u) => hasAny(u, ['admin']),
  ownRecord: (u) => hasAny(u, ['worker']),
  readCompetitions: (u) =>
    hasAny(u, ['admin', 'organiser', 'hr', 'chief_judge', 'judge', 'viewer']),
  manageCompetitions: (u) => hasAny(u, ['admin', 'organiser']),
  markEntries: (u) => hasAny(u, ['judge', 'chief_judge']),
  /** Live boards (实时排名): every signed-in user; the big screen and phone pages need no session. */
  readBoards: (u) => !!u,
  leadJudging: (u) => hasAny(u, ['admin', 'chief_judge']),
  /** 题库, 考试, 练兵关卡 (docs/api/exams.md `manage_exams`). */
  manageExams: (u) => hasAny(u, ['admin', 'organiser']),
  /** Marking short answers of an exam (`grade_exams`). */
  gradeExams: (u) => hasAny(u, ['admin', 'organiser', 'chief_judge', 'judge']),
  /** 我的考试 and 网上练兵: an account linked to a worker record. */
  takeExams: (u) => !!(u && u.worker_id) || hasAny(u, ['worker']),
  /** 培训管理: courses, enrolment and completion lists (`manage_training`). */
  manageTraining: (u) => hasAny(u, ['admin', 'organiser', 'hr']),
  /** 岗位技能考核: set assessments up and read their reports (`manage_assessments`). */
  manageAssessments: (u) => hasAny(u, ['admin', 'organiser', 'hr']),
  /** Only judging roles: such a user lands on the scoring page. */
  judgeOnly: (u) =>
    hasAny(u, ['judge', 'chief_judge']) &&
    !hasAny(u, ['admin', 'organiser', 'hr', 'viewer'])
}

// Competitions (codes of the API; labels under competition.level.*, competition.status.* ...).
export const COMPETITION_LEVELS = ['enterprise', 'industry', 'city', 'province', 'national']
export const COMPETITION_STATUSES = ['draft', 'registration', 'running', 'marking_closed', 'published']
export const STATUS_TAG = {
  draft: 'info',
  registration: 'primary',
  running: 'success',
  marking_closed: 'warning',
  published: 'success'
}
export const TOTAL_MODES = ['raw_sum', 'weighted']
export const TIE_BREAKS = ['practical_higher', 'theory_higher', 'time_lower']
export const COMPONENT_KINDS = ['theory', 'practical']
export const ASPECT_KINDS = ['measurement', 'judgement', 'deduction', 'time']

/** Builds a tree (children arrays) from the flat org list of GET /orgs. */
export function buildOrgTree(orgs) {
  const byId = new Map()
  for (const o of orgs) byId.set(o.id, { ...o, children: [] })
  const roots = []
  for (const o of byId.values()) {
    const parent = o.parent_id != null ? byId.get(o.parent_id) : null
    if (parent) parent.children.push(o)
    else roots.push(o)
  }
  const sort = (list) => {
    list.sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh-CN'))
    list.forEach((n) => sort(n.children))
  }
  sort(roots)
  return roots
}

/** "市总工会 / 电力工会 / 某公司" for an org. */
export function orgPath(org) {
  if (!org) return ''
  const names = Array.isArray(org.path_names) ? [...org.path_names] : []
  // path_names may or may not end with the org itself: show it exactly once.
  if (names[names.length - 1] !== org.name) names.push(org.name)
  return names.join(' / ')
}
