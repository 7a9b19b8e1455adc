// 岗位技能考核 over HTTP on the small demo: an enterprise's HR sets up an assessment (an exam through the exam
// engine for the chosen workers, and the practical tasks of a contest event) in one step; a worker sits it
// on their phone; the report reads only this assessment's evidence — recomputed here from the documented
// model — ranks the assessed, names strengths and weaknesses and tells the enterprise where its workers
// are weak; workers see their own report and no one else's; nothing is half-created.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, otherHr, assembly, event, enterprise, entrants, hr, workerToken, worker

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  otherHr = await as('hr')
  assembly = (await get('/api/v1/work-types')).items.find((w) => w.name === '电气装配工')
  // The demo's 电气装配工 event: its aspects are mapped to the work type's dimensions and judged already.
  const competition = (await get('/api/v1/competitions', organiser)).items[0]
  event = (await get(`/api/v1/competitions/${competition.id}`, organiser)).events.find((e) => e.work_type_name === '电气装配工')
  // An enterprise with an entrant whose practical marks are already evidence; that entrant sits the exam.
  const judged = sqlite(app.dbFile, `SELECT e.worker_id, w.org_id FROM evidence e JOIN workers w ON w.id = e.worker_id WHERE e.source = 'aspect' AND e.context = 'event:${event.id}' ORDER BY e.worker_id LIMIT 1`).split('|')
  enterprise = judged[1]
  entrants = sqlite(app.dbFile, `SELECT m.worker_id FROM entry_members m JOIN workers w ON w.id = m.worker_id WHERE m.event_id = ${event.id} AND w.org_id = ${enterprise} ORDER BY m.worker_id <> ${judged[0]}, m.worker_id`).split('\n')
  // An HR of that enterprise, and a worker account for the first entrant.
  const hrUser = await send('POST', '/api/v1/users', admin, { username: 'hr-assess', password: 'Assess-Pass-123', grants: [{ role: 'hr', org_id: enterprise }] })
  assert.equal(hrUser.status, 201, JSON.stringify(hrUser.body))
  hr = await app.login('hr-assess', 'Assess-Pass-123')
  worker = entrants[0]
  const wUser = await send('POST', '/api/v1/users', admin, { username: 'worker-assess', password: 'Assess-Pass-123', worker_id: worker, grants: [{ role: 'worker', org_id: enterprise }] })
  assert.equal(wUser.status, 201, JSON.stringify(wUser.body))
  workerToken = await app.login('worker-assess', 'Assess-Pass-123')
  // A small 电气装配工 bank, each question tagged with a dimension, so the exam measures dimensions too.
  for (const [i, d] of assembly.dimensions.entries())
    for (const k of [0, 1]) {
      const r = await send('POST', '/api/v1/questions', organiser, {
        work_type_id: assembly.id, type: 'single_choice', stem: `电气装配考核题${i}-${k}：下列哪项正确？`, difficulty: 2 + k, marks: 1, dimension_id: d.id,
        options: ['正确做法', '错误做法甲', '错误做法乙'].map((text, j) => ({ text: text + i + k, correct: j === 0 })),
      })
      assert.equal(r.status, 201, JSON.stringify(r.body))
    }
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const send = (method, path, token, body) => app.request(method, path, { token, body })
const iso = (s) => new Date(Date.now() + s * 1000).toISOString()

const body = (extra = {}) => ({
  title: '2026年电气装配工岗位技能考核', org_id: enterprise, work_type_id: assembly.id, opens_at: iso(-60), closes_at: iso(7 * 86400),
  duration_minutes: 30, pass_percent: 60, paper: { mode: 'blueprint', rows: [{ type: 'single_choice', count: 2 * assembly.dimensions.length, marks_each: 1 }] },
  worker_ids: entrants, event_id: event.id, ...extra,
})

// The model of docs/portrait.md without ageing (an assessment reports what that sitting showed).
const sigma = (x) => 1 / (1 + Math.exp(-x))
function ability(evidence, mu, tau = 1.5) {
  const f = (t) => evidence.reduce((acc, e) => acc + e.weight * (e.share - sigma(t - e.difficulty)), 0) - (t - mu) / tau ** 2
  let lo = -20, hi = 20
  for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (f(m) > 0) lo = m; else hi = m }
  return (lo + hi) / 2
}
function peerMean(workTypeId, dimensionId) {
  const where = dimensionId ? `work_type_id = ${workTypeId} AND dimension_id = ${dimensionId}` : `work_type_id = ${workTypeId}`
  const [n, w, ws, wb] = sqlite(app.dbFile, `SELECT COUNT(*), SUM(weight), SUM(weight * score), SUM(weight * difficulty) FROM evidence WHERE ${where}`)
    .trim().split('|').map(Number)
  if (n < 30) return 0
  const p = Math.min(0.999, Math.max(0.001, ws / w))
  return Math.log(p / (1 - p)) + wb / w
}

let assessment

test('an assessment is set up in one step and refused whole when any part is wrong', async () => {
  const exams = () => Number(sqlite(app.dbFile, 'SELECT COUNT(*) FROM exams'))
  const before = exams()
  const outsider = (await get('/api/v1/workers?limit=200')).items.find((w) => w.org_id !== enterprise).id
  const bad = await send('POST', '/api/v1/assessments', organiser, body({ worker_ids: [...entrants, outsider] }))
  assert.equal(bad.status, 400, JSON.stringify(bad.body))
  assert.equal(bad.body.error.field, 'worker_ids')
  assert.equal(exams(), before, 'no exam is left behind by a refused assessment')
  const welding = (await get(`/api/v1/competitions/${event.competition_id}`, organiser)).events.find((e) => e.work_type_name !== '电气装配工')
  assert.equal((await send('POST', '/api/v1/assessments', organiser, body({ event_id: welding.id }))).body.error.field, 'event_id')
  assert.equal((await send('POST', '/api/v1/assessments', organiser, body({ event_id: '999999' }))).body.error.field, 'event_id')
  // The union's event is not the enterprise HR's to read: it reads as no such event.
  const hidden = await send('POST', '/api/v1/assessments', hr, body())
  assert.equal(hidden.status, 400)
  assert.equal(hidden.body.error.field, 'event_id')
  assert.equal((await send('POST', '/api/v1/assessments', otherHr, body())).status, 403, "another enterprise's HR")
  assert.equal((await send('POST', '/api/v1/assessments', workerToken, body())).status, 403)
  assert.equal(exams(), before)

  // The enterprise's HR sets up an exam-only assessment; the union's organiser one with the event's practical tasks.
  const examOnly = await send('POST', '/api/v1/assessments', hr, body({ event_id: null, title: '电气装配工理论考核' }))
  assert.equal(examOnly.status, 201, JSON.stringify(examOnly.body))
  assert.equal(examOnly.body.event_id, null)
  const made = await send('POST', '/api/v1/assessments', organiser, body())
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assessment = made.body
  assert.equal(assessment.candidates, entrants.length)
  assert.equal(assessment.exam_status, 'published')
  assert.equal(assessment.event_name, event.name)
  assert.ok((await get('/api/v1/assessments', hr)).items.some((a) => a.id === assessment.id))
  assert.ok(!(await get('/api/v1/assessments', otherHr)).items.some((a) => a.id === assessment.id))
  await get(`/api/v1/assessments/${assessment.id}`, otherHr, 403)
  await get(`/api/v1/assessments/${assessment.id}/report`, otherHr, 403)
  // The assessed find it on their phones, beside the exam it set up.
  assert.ok((await get('/api/v1/me/assessments', workerToken)).items.some((a) => a.id === assessment.id))
  assert.ok((await get('/api/v1/me/exams', workerToken)).items.some((e) => e.id === assessment.exam_id))
})

test('the report reads only this assessment’s evidence, on the portrait’s scale, and ranks the assessed', async () => {
  // The worker sits the exam: right on the first dimension's questions, wrong on the rest.
  const device = { device_id: 'assess-phone-1' }
  const start = await send('POST', `/api/v1/exams/${assessment.exam_id}/start`, workerToken, device)
  assert.equal(start.status, 200, JSON.stringify(start.body))
  const answers = start.body.questions.map((q, i) => {
    const right = q.stem.startsWith('电气装配考核题0-')
    const option = q.options.find((o) => o.text.startsWith(right ? '正确做法' : '错误做法甲'))
    return { question: q.id, response: { option_ids: [option.id] }, seq: 1 }
  })
  assert.equal((await send('PUT', `/api/v1/exam-sessions/${start.body.session.id}/answers`, workerToken, { ...device, answers })).status, 200)
  assert.equal((await send('POST', `/api/v1/exam-sessions/${start.body.session.id}/submit`, workerToken, device)).status, 200)

  const report = await get(`/api/v1/assessments/${assessment.id}/report`, hr)
  assert.equal(report.workers.length, entrants.length)
  const mine = report.workers.find((w) => w.worker_id === worker)
  assert.equal(mine.exam_status, 'submitted')
  assert.equal(mine.exam_score, 2)
  assert.equal(mine.passed, false)
  assert.equal(mine.practical, true)

  // Recompute from the evidence the assessment owns: the exam session's items and the practical entry's aspects.
  const session = start.body.session.id
  const entry = sqlite(app.dbFile, `SELECT entry_id FROM entry_members WHERE event_id = ${event.id} AND worker_id = ${worker}`)
  const rows = sqlite(app.dbFile, `SELECT COALESCE(dimension_id, 0), score, weight, difficulty FROM evidence WHERE worker_id = ${worker} AND work_type_id = ${assembly.id} AND ((source = 'exam_item' AND scope_key = 'session:${session}') OR (source = 'aspect' AND scope_key = 'entry:${entry}'))`)
    .split('\n').filter(Boolean).map((l) => l.split('|').map(Number)).map(([d, share, weight, difficulty]) => ({ d, share, weight, difficulty }))
  assert.ok(rows.some((r) => r.weight === 3), 'the practical aspects are part of it')
  assert.equal(mine.overall.evidence, rows.length)
  const close = (a, b, what) => assert.ok(Math.abs(a - b) < 0.05, `${what}: ${a} vs ${b}`)
  close(mine.overall.score, 100 * sigma(ability(rows, peerMean(assembly.id, 0))), 'overall')
  for (const [i, d] of assembly.dimensions.entries()) {
    const ev = rows.filter((r) => r.d === Number(d.id))
    if (!ev.length) assert.equal(mine.dimensions[i], null, 'no evidence on a dimension is no score, never a zero')
    else close(mine.dimensions[i].score, 100 * sigma(ability(ev, peerMean(assembly.id, d.id))), d.name)
  }
  // Evidence elsewhere (the demo's other records) does not enter the assessment's numbers.
  const all = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM evidence WHERE worker_id = ${worker} AND work_type_id = ${assembly.id}`))
  assert.ok(all >= rows.length)

  // Ranks: by overall score among the scored, 1 first; the enterprise's dimension summary counts the weak.
  const ranked = report.workers.filter((w) => w.rank !== null)
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].overall.score >= ranked[i].overall.score)
  assert.equal(ranked[0].rank, 1)
  for (const [i, d] of report.dimensions.entries()) {
    const withScore = report.workers.filter((w) => w.dimensions[i])
    assert.equal(d.assessed, withScore.length)
    if (withScore.length) close(d.mean, withScore.reduce((s, w) => s + w.dimensions[i].score, 0) / withScore.length, `mean of ${d.name}`)
    assert.equal(d.weak, report.workers.filter((w) => w.weaknesses.includes(d.id)).length)
  }
})

test("a worker reads their own assessment report and no one else's; small groups' means stay hidden", async () => {
  const own = await get(`/api/v1/assessments/${assessment.id}/workers/${worker}`, workerToken)
  assert.equal(own.workers.length, 1)
  assert.equal(own.workers[0].worker_id, worker)
  for (const d of own.dimensions) if (d.assessed < 5) assert.equal(d.mean, null)
  if (entrants.length > 1) await get(`/api/v1/assessments/${assessment.id}/workers/${entrants[1]}`, workerToken, 403)
  await get(`/api/v1/assessments/${assessment.id}/report`, workerToken, 403)
  await get(`/api/v1/assessments/${assessment.id}/workers/${worker}`, otherHr, 403)
  const hrView = await get(`/api/v1/assessments/${assessment.id}/workers/${worker}`, hr)
  assert.deepEqual(hrView.workers[0], own.workers[0])
  // Not assessed: not found, whoever asks.
  const stranger = (await get('/api/v1/workers?limit=200')).items.find((w) => !entrants.includes(w.id) && w.org_id === enterprise)
  if (stranger) await get(`/api/v1/assessments/${assessment.id}/workers/${stranger.id}`, hr, 404)
})
