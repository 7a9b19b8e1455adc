// 岗位技能考核 (post assessments): an exam for chosen workers, optionally a contest event's practical
// tasks, and the per-dimension report. The paths of that contract, in one place.
import { api } from './client.js'

const enc = encodeURIComponent

export const assessmentsApi = {
  /** `{ items }`: the assessments of the organisations the user manages, newest first. */
  list: () => api.get('/assessments'),
  /**
   * The body of POST /exams (title, org_id, work_type_id, paper, opens_at, closes_at, duration_minutes,
   * pass_percent) plus worker_ids and event_id (optional) → the assessment; its exam is published at once.
   */
  create: (body) => api.post('/assessments', body),
  get: (id) => api.get(`/assessments/${enc(id)}`),
  /** `{ assessment, dimensions, workers }`, the workers ranked first. */
  report: (id) => api.get(`/assessments/${enc(id)}/report`),
  /** The same report with `workers` = [that worker] (the worker themself may read it). */
  workerReport: (id, workerId) => api.get(`/assessments/${enc(id)}/workers/${enc(workerId)}`),
  /** `{ items }`: the signed-in worker's assessments. */
  mine: () => api.get('/me/assessments')
}
