// 人才分析 (docs/api/openapi.yaml, tag analytics): aggregates over the talent record of one organisation's
// subtree, with the city's figures beside them (null where withheld). The paths of that contract, in one place.
import { api, download } from './client.js'

const enc = encodeURIComponent

export const analyticsApi = {
  /**
   * 技能结构: `{ org_id, org_name, as_of, year_ago, workers, workers_year_ago, high_skill_share,
   * high_skill_share_year_ago, city_high_skill_share, work_types: [{ work_type_id, name, total, year_ago_total,
   * city_total, high_skill_share, city_high_skill_share, promotions, levels: [{ skill_level, count, year_ago,
   * city_count }] }], ages: [{ from, to, count }] }`.
   */
  structure: (orgId) => api.get('/analytics/structure', { org_id: orgId }),
  /**
   * 晋级梯队 of one work type in an organisation's subtree: `{ org_id, work_type_id, work_type_name, considered,
   * ready, within_reach }`, each list of `{ worker_id, name, org_name, skill_level, next_level, stage, shortfall,
   * bars: [{ dimension_id (null: overall), bar, score | null, status: met | open | short | no_evidence }] }`.
   */
  pipeline: (orgId, workTypeId) => api.get('/analytics/pipeline', { org_id: orgId, work_type_id: workTypeId }),
  /**
   * 技能大脑 (the big screen; shared server-side for ten seconds): `{ generated_at, structure (as above),
   * high_skill_target (0–1 | null), districts: [{ org_id, name, workers, high_skilled, with_portrait }], live:
   * [{ event_id, title, board_id, leaders: { seq, live, offset, total, rows } }], practice_today,
   * practising_today, exams_today, improvers: [{ worker_id, name, org_name, work_type_name, before, now }] }`.
   */
  brain: (orgId) => api.get('/analytics/brain', { org_id: orgId })
}

// 岗位能力模型: a post's target portrait score per dimension of a work type. A model is
// `{ id, org_id, org_name, work_type_id, work_type_name, name, template, updated_at, targets: [{ dimension_id,
// dimension_name, target }] }`.
export const postModelsApi = {
  /** `{ items }`: the models of the organisations the reader reads and the templates above them, templates first. */
  list: () => api.get('/post-models'),
  /** body: `{ org_id, work_type_id, name, template?, targets: [{ dimension_id | dimension_name, target }] }` → the model. */
  create: (body) => api.post('/post-models', body),
  /** body: `{ name, template?, targets }` → the model. */
  update: (id, body) => api.put(`/post-models/${enc(id)}`, body),
  remove: (id) => api.del(`/post-models/${enc(id)}`),
  /** Copies a (union's) template to `orgId` → the copy. */
  copy: (id, orgId, name) => api.post(`/post-models/${enc(id)}/copy`, name ? { org_id: orgId, name } : { org_id: orgId }),
  /**
   * 岗位差距: `{ model, workers: [{ worker_id, org_id, name, org_name, scores: [{ score, low, high } | null per
   * target], meets, meets_surely, total_gap }], departments: [{ org_id, name, workers, meeting, means,
   * largest_gap_dimension, largest_gap }], meeting, meeting_surely }`.
   */
  gaps: (id) => api.get(`/post-models/${enc(id)}/gaps`),
  /**
   * 培训计划: `{ model, workers: [{ worker_id, name, org_name, total_gap, courses: [PlannedCourse] }], courses:
   * [{ course: PlannedCourse, workers_helped, per_hour }] }`; PlannedCourse `{ course_id, name, provider, mode,
   * hours, expected_score, basis, gains: [{ dimension_id, gain }], gap_closed }`.
   */
  trainingPlan: (id) => api.get(`/post-models/${enc(id)}/training-plan`),
  /** The plan as .xlsx; resolves to `{ blob, filename }`. */
  trainingPlanXlsx: (id) => download(`/post-models/${enc(id)}/training-plan.xlsx`, 'training-plan.xlsx')
}
