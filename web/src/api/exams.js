// Question bank, exams and practice (docs/api/exams.md): the paths of that contract, in one place.
import { api, download } from './client.js'

const enc = encodeURIComponent

export const questionsApi = {
  /** `{ items, total, next_offset }`; query: work_type_id, dimension_id, type, difficulty, q, active, offset, limit. */
  list: (query) => api.get('/questions', query),
  get: (id) => api.get(`/questions/${enc(id)}`),
  create: (body) => api.post('/questions', body),
  replace: (id, body) => api.put(`/questions/${enc(id)}`, body),
  /** Retires the question (`active: false`). */
  retire: (id) => api.del(`/questions/${enc(id)}`),
  template: () => download('/questions/template.xlsx', '题库导入模板.xlsx'),
  /** format: xlsx | moodle | gift. */
  export: (work_type_id, format) =>
    download('/questions/export', `questions.${format === 'moodle' ? 'xml' : format === 'gift' ? 'gift.txt' : 'xlsx'}`, {
      work_type_id,
      format
    }),
  /** body: { work_type_id, format: rows|moodle|gift, rows | text, dry_run } → { imported, duplicates, problems }. */
  import: (body) => api.post('/questions/import', body)
}

// Pictures of question stems and options: uploaded as raw bytes (PNG/JPEG/GIF/WebP, ≤ 2 MiB),
// named by the key the server answers; shown from GET /question-assets/{key}.
export const questionAssetsApi = {
  /** file: a Blob / File → { key }. */
  upload: (file) => api.post('/question-assets', file),
  url: (key) => (/^(https?:|\/|data:image)/.test(key) ? key : `/api/v1/question-assets/${enc(key)}`)
}

export const examsApi = {
  list: () => api.get('/exams'),
  get: (id) => api.get(`/exams/${enc(id)}`),
  create: (body) => api.post('/exams', body),
  update: (id, body) => api.put(`/exams/${enc(id)}`, body),
  addCandidates: (id, worker_ids) => api.post(`/exams/${enc(id)}/candidates`, { worker_ids }),
  publish: (id) => api.post(`/exams/${enc(id)}/publish`),
  sessions: (id) => api.get(`/exams/${enc(id)}/sessions`),
  grading: (id) => api.get(`/exams/${enc(id)}/grading`),
  grade: (id, answer_id, awarded) => api.post(`/exams/${enc(id)}/grading`, { answer_id, awarded }),
  statistics: (id) => api.get(`/exams/${enc(id)}/statistics`),
  results: (id) => download(`/exams/${enc(id)}/results.xlsx`, 'results.xlsx'),
  /** 成绩导入竞赛: the scores as the event's theory marks → { transferred, replayed, absent: [names], not_entered }. */
  transfer: (id, event_id) => api.post(`/exams/${enc(id)}/transfer`, { event_id }),
  /** A worker's submitted exams (考试记录), newest first → { items }. */
  workerResults: (workerId) => api.get(`/workers/${enc(workerId)}/exam-results`),
  // The candidate's side.
  mine: () => api.get('/me/exams'),
  start: (id, device_id) => api.post(`/exams/${enc(id)}/start`, { device_id })
}

export const examSessionsApi = {
  get: (id) => api.get(`/exam-sessions/${enc(id)}`),
  events: (id) => api.get(`/exam-sessions/${enc(id)}/events`),
  /** answers: [{ question, response: { option_ids, blanks, text }, seq }] → { saved, saved_at, remaining_seconds }. */
  saveAnswers: (id, device_id, answers) => api.put(`/exam-sessions/${enc(id)}/answers`, { device_id, answers }),
  /** events: [{ kind, at }] → { recorded }. */
  sendEvents: (id, device_id, events) => api.post(`/exam-sessions/${enc(id)}/events`, { device_id, events }),
  submit: (id, device_id, answers) => api.post(`/exam-sessions/${enc(id)}/submit`, { device_id, answers })
}

export const practiceApi = {
  mine: () => api.get('/me/practice'),
  levels: (work_type_id) => api.get('/practice/levels', { work_type_id }),
  createLevel: (body) => api.post('/practice/levels', body),
  updateLevel: (id, body) => api.put(`/practice/levels/${enc(id)}`, body),
  startLevel: (id) => api.post(`/practice/levels/${enc(id)}/attempts`),
  startWrongBook: (work_type_id) => api.post('/practice/wrong-book/attempts', undefined, { query: { work_type_id } }),
  submit: (attemptId, answers, seconds) =>
    api.post(`/practice/attempts/${enc(attemptId)}/submit`, { answers, seconds }),
  wrongBook: (work_type_id) => api.get('/practice/wrong-book', { work_type_id }),
  leaderboard: (query) => api.get('/practice/leaderboard', query)
}
