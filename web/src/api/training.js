// 培训 (courses and their completion records) and 荣誉 (honours) of the talent record: the paths of that
// contract, in one place.
import { api } from './client.js'

const enc = encodeURIComponent

export const coursesApi = {
  /** `{ items }`; query: work_type_id, q. */
  list: (query) => api.get('/courses', query),
  get: (id) => api.get(`/courses/${enc(id)}`),
  /** body: { org_id, work_type_id, name, provider, mode, hours, starts_on, ends_on, dimension_ids } → the course. */
  create: (body) => api.post('/courses', body),
  /** `{ items }`: the records (enrolled, completed or failed) of the course. */
  records: (id) => api.get(`/courses/${enc(id)}/records`),
  /** 报名: answers the record (201 new, 200 when the worker was already enrolled). */
  enrol: (id, worker_id) => api.post(`/courses/${enc(id)}/records`, { worker_id }),
  /** 登记结业: body { status: completed | failed, completed_on, hours, score | null } → the record. */
  setRecord: (id, workerId, body) => api.put(`/courses/${enc(id)}/records/${enc(workerId)}`, body),
  /**
   * 导入结业名单: rows [{ name, id_number, status, completed_on, hours, score }] (cells as text), all or
   * nothing → { imported, rejected }; a refusal is a 422 whose `rows` name each problem.
   */
  importRecords: (id, rows) => api.post(`/courses/${enc(id)}/records/import`, { rows, all_or_nothing: true })
}

export const trainingApi = {
  /** The worker's training, newest first → { items, hours_by_year: [{ year, hours }] }. */
  ofWorker: (workerId) => api.get(`/workers/${enc(workerId)}/training`),
  /** The worker's honours → { items }. */
  honours: (workerId) => api.get(`/workers/${enc(workerId)}/honours`),
  /** body: { kind, title, level, awarded_on, issuer, work_type_id? } → the honour. */
  addHonour: (workerId, body) => api.post(`/workers/${enc(workerId)}/honours`, body),
  removeHonour: (id) => api.del(`/honours/${enc(id)}`)
}
