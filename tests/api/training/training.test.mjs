// 培训 over HTTP on the small demo: courses with the dimensions they train, enrolment and completion by form
// and by a provider's completion list (all or nothing, with every row's problem named), a scored completion
// as evidence in the worker's talent record (re-derived by verify-evidence), hours per year, honours, the
// timeline; and one enterprise's HR kept out of another's courses, workers and honours.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, hr, worker, electrical, hrOrg, otherOrg, demoWorkerId

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  hr = await as('hr')
  worker = await as('worker')
  electrical = (await get('/api/v1/work-types')).items.find((w) => w.name === '电气装配工')
  hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
  demoWorkerId = (await get('/api/v1/me', worker)).user.worker_id
  otherOrg = (await get('/api/v1/orgs')).items.find((o) => o.kind === 'enterprise' && o.id !== hrOrg).id
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const send = (method, path, token, body) => app.request(method, path, { token, body })
const today = () => new Date().toISOString().slice(0, 10)
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10)

let seq = 0
async function newWorker(orgId, name) {
  seq += 1
  const id_number = idNumber('19900303', 701 + 2 * seq)  // odd: a man's number
  const r = await send('POST', '/api/v1/workers', admin, {
    name, gender: 'male', employee_no: 'TR-' + seq, org_id: orgId, work_type_ids: [electrical.id], skill_level: 'intermediate',
    phone: '1380000' + String(1000 + seq).slice(-4), id_number,
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return { id: r.body.id, name, id_number }
}

const course = (orgId, extra = {}) => ({
  org_id: orgId, work_type_id: electrical.id, name: '电气装配技能提升班', provider: '市职业技能培训中心', mode: 'offline', hours: 16,
  starts_on: daysAgo(30), ends_on: daysAgo(20), dimension_ids: electrical.dimensions.slice(0, 2).map((d) => d.id), ...extra,
})

test('a course is checked field by field, and only its organisation\'s trainers see it', async () => {
  const bad = await send('POST', '/api/v1/courses', hr, course(hrOrg, { hours: -1, ends_on: daysAgo(40), mode: 'radio' }))
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.body.error.problems.map((p) => p.field).sort(), ['ends_on', 'hours', 'mode'])
  const huge = await send('POST', '/api/v1/courses', hr, course(hrOrg, { hours: 1e300 }))
  assert.equal(huge.status, 400)
  const welding = (await get('/api/v1/work-types')).items.find((w) => w.name !== '电气装配工' && w.dimensions.length)
  const foreignDim = await send('POST', '/api/v1/courses', hr, course(hrOrg, { dimension_ids: [welding.dimensions[0].id] }))
  assert.equal(foreignDim.status, 400)
  assert.equal(foreignDim.body.error.field, 'dimension_ids')
  assert.equal((await send('POST', '/api/v1/courses', hr, course(otherOrg))).status, 403, 'HR runs courses of their own enterprise only')
  assert.equal((await send('POST', '/api/v1/courses', worker, course(hrOrg))).status, 403)

  const made = await send('POST', '/api/v1/courses', hr, course(hrOrg))
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assert.equal(made.body.hours, 16)
  assert.deepEqual(made.body.dimension_ids, course(hrOrg).dimension_ids)
  assert.equal(made.body.enrolled, 0)

  const unionCourse = await send('POST', '/api/v1/courses', organiser, course((await get('/api/v1/me', organiser)).user.grants[0].org_id, { name: '联合会直属课程' }))
  assert.equal(unionCourse.status, 201)
  const hrList = (await get('/api/v1/courses', hr)).items.map((c) => c.id)
  assert.ok(hrList.includes(made.body.id))
  assert.ok(!hrList.includes(unionCourse.body.id), "the union's own course is outside the enterprise HR's scope")
  await get(`/api/v1/courses/${unionCourse.body.id}`, hr, 403)
  await get('/api/v1/courses/999999', hr, 404)
  assert.ok((await get('/api/v1/courses?q=' + encodeURIComponent('提升'), organiser)).items.some((c) => c.id === made.body.id))
  assert.equal((await get('/api/v1/courses?q=' + encodeURIComponent('%'), organiser)).items.length, 0, 'LIKE wildcards are literal')
})

test('a completion list is imported all or nothing, every bad row named; a scored completion is evidence per trained dimension', async () => {
  const c = (await send('POST', '/api/v1/courses', hr, course(hrOrg, { name: '导入测试班' }))).body
  const a = await newWorker(hrOrg, '培训甲')
  const b = await newWorker(hrOrg, '培训乙')
  const elsewhere = await newWorker(otherOrg, '外单位丙')
  const rows = [
    { name: a.name, id_number: a.id_number, status: '合格', completed_on: daysAgo(21).replaceAll('-', '/'), hours: 16, score: 85.5 },
    { name: '张冠李戴', id_number: b.id_number, status: '合格', completed_on: daysAgo(21), hours: 16, score: 70 },
    { name: elsewhere.name, id_number: elsewhere.id_number, status: '合格', completed_on: daysAgo(21), hours: 16, score: 90 },
    { name: '无此人', id_number: idNumber('19900303', 999), status: '合格', completed_on: daysAgo(21), hours: 16, score: 90 },
    { name: b.name, id_number: b.id_number, status: '优秀', completed_on: '2026-02-30', hours: 17, score: 101 },
    { name: a.name, id_number: a.id_number.toLowerCase(), status: '', completed_on: daysAgo(21), hours: '', score: '' },
  ]
  const refused = await send('POST', `/api/v1/courses/${c.id}/records/import`, hr, { rows, all_or_nothing: true })
  assert.equal(refused.status, 422, JSON.stringify(refused.body))
  const problems = refused.body.error.rows.map((p) => `${p.row}:${p.field}:${p.code}`)
  assert.deepEqual(problems.sort(), [
    '2:name:name_mismatch', '3:id_number:unknown_worker', '4:id_number:unknown_worker',
    '5:completed_on:invalid_date', '5:hours:out_of_range', '5:score:out_of_range', '5:status:invalid_status',
    '6:id_number:duplicate_in_file',
  ].sort())
  const refusedRows = refused.body.error.rows
  assert.equal(refusedRows.find((p) => p.row === 3).message, refusedRows.find((p) => p.row === 4).message,
    'a worker of another enterprise reads exactly like an unknown ID number')
  assert.equal((await get(`/api/v1/courses/${c.id}/records`, hr)).items.length, 0, 'nothing was imported')

  const done = await send('POST', `/api/v1/courses/${c.id}/records/import`, hr, { rows: [rows[0], { ...rows[1], name: b.name, score: '' }], all_or_nothing: true })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.equal(done.body.imported, 2)
  const records = (await get(`/api/v1/courses/${c.id}/records`, hr)).items
  const ra = records.find((r) => r.worker_id === a.id)
  assert.deepEqual([ra.status, ra.completed_on, ra.hours, ra.score], ['completed', daysAgo(21), 16, 85.5])
  assert.equal(records.find((r) => r.worker_id === b.id).score, null)
  assert.equal((await get(`/api/v1/courses/${c.id}`, hr)).completed, 2)

  // The scored completion is one piece of evidence per trained dimension; the unscored one measures nothing.
  const evidence = (await get(`/api/v1/workers/${a.id}/evidence?work_type_id=${electrical.id}`, hr)).items.filter((e) => e.source === 'training')
  assert.deepEqual(evidence.map((e) => e.dimension_id).sort(), course(hrOrg).dimension_ids.slice().sort())
  for (const e of evidence) {
    assert.equal(e.share, 0.855)
    assert.equal(e.weight, 1)
    assert.equal(e.context, `course:${c.id}`)
  }
  const portrait = await get(`/api/v1/workers/${a.id}/portrait?work_type_id=${electrical.id}`, hr)
  const dim = portrait.dimensions.find((d) => d.id === course(hrOrg).dimension_ids[0])
  assert.equal(dim.score.evidence, 1)
  assert.ok(dim.score.score > 50, 'a high course score moves the dimension above the middle')
  assert.equal((await get(`/api/v1/workers/${b.id}/evidence?work_type_id=${electrical.id}`, hr)).items.filter((e) => e.source === 'training').length, 0)

  // Recording a fail changes the evidence; back to enrolled removes it; the check command agrees at each step.
  const failed = await send('PUT', `/api/v1/courses/${c.id}/records/${a.id}`, hr, { status: 'failed', completed_on: daysAgo(21), hours: 8, score: 40 })
  assert.equal(failed.status, 200, JSON.stringify(failed.body))
  const after = (await get(`/api/v1/workers/${a.id}/evidence?work_type_id=${electrical.id}`, hr)).items.filter((e) => e.source === 'training')
  assert.deepEqual(after.map((e) => e.share), [0.4, 0.4])
  assert.match(app.cli(['verify-evidence']).stdout, /evidence OK/)
  const scoredEnrolled = await send('PUT', `/api/v1/courses/${c.id}/records/${a.id}`, hr, { status: 'enrolled', score: 50 })
  assert.equal(scoredEnrolled.status, 400)
  assert.equal(scoredEnrolled.body.error.field, 'score')
  assert.equal((await send('PUT', `/api/v1/courses/${c.id}/records/${a.id}`, hr, { status: 'enrolled' })).status, 200)
  assert.equal((await get(`/api/v1/workers/${a.id}/evidence?work_type_id=${electrical.id}`, hr)).items.filter((e) => e.source === 'training').length, 0)

  // Edited behind the application, the training evidence is found and rewritten from the records.
  await send('PUT', `/api/v1/courses/${c.id}/records/${a.id}`, hr, { status: 'completed', completed_on: daysAgo(21), score: 60 })
  sqlite(app.dbFile, "UPDATE evidence SET score = 0.99 WHERE source = 'training'")
  assert.match(app.cli(['verify-evidence']).stdout, /evidence DIFFERS/)
  app.cli(['verify-evidence', '--repair'])
  assert.match(app.cli(['verify-evidence']).stdout, /evidence OK/)

  // Another enterprise's HR cannot enrol or record this enterprise's workers, nor read the course.
  const theirs = (await send('POST', '/api/v1/courses', organiser, course(otherOrg, { name: '外单位课程' }))).body
  assert.equal((await send('POST', `/api/v1/courses/${theirs.id}/records`, hr, { worker_id: a.id })).status, 403)
  assert.equal((await send('POST', `/api/v1/courses/${c.id}/records`, hr, { worker_id: elsewhere.id })).status, 403)
  assert.equal((await send('POST', `/api/v1/courses/${c.id}/records`, hr, { worker_id: '999999' })).status, 404)
})

test('dates as sheets carry them, enrolment is idempotent, and a completion cannot be in the future or before the course', async () => {
  const c = (await send('POST', '/api/v1/courses', hr, course(hrOrg, { name: '日期测试班' }))).body
  const w = await newWorker(hrOrg, '日期丁')
  const first = await send('POST', `/api/v1/courses/${c.id}/records`, hr, { worker_id: w.id })
  assert.equal(first.status, 201)
  assert.equal(first.body.status, 'enrolled')
  const again = await send('POST', `/api/v1/courses/${c.id}/records`, hr, { worker_id: w.id })
  assert.equal(again.status, 200)
  assert.equal((await get(`/api/v1/courses/${c.id}`, hr)).enrolled, 1)

  const put = (body) => send('PUT', `/api/v1/courses/${c.id}/records/${w.id}`, hr, body)
  // Excel's day number (a cell that lost its date format): 25569 is 1970-01-01, 45658 is 2025-01-01.
  const serial = 25569 + Math.round(Date.parse(daysAgo(21)) / 86400000)
  assert.equal(25569 + Date.parse('2025-01-01') / 86400000, 45658)
  const bySerial = await put({ status: 'completed', completed_on: serial })
  assert.equal(bySerial.status, 200, JSON.stringify(bySerial.body))
  assert.equal(bySerial.body.completed_on, daysAgo(21))
  assert.equal(bySerial.body.hours, 16, 'a completion without hours is credited the course\'s hours')
  const [y, m, d] = daysAgo(22).split('-').map(Number)
  assert.equal((await put({ status: '结业', completed_on: `${y}年${m}月${d}日` })).body.completed_on, daysAgo(22))
  assert.equal((await put({ status: 'completed', completed_on: daysAgo(-2) })).body.error.code, 'validation_failed')
  assert.equal((await put({ status: 'completed', completed_on: daysAgo(60) })).body.error.field, 'completed_on')
  assert.equal((await put({ status: 'completed', completed_on: today(), score: 'NaN' })).body.error.field, 'score')
  assert.equal((await put({ status: 'completed', completed_on: today(), hours: 'Infinity' })).status, 400)
  assert.equal((await put({ status: 'completed', completed_on: today(), hours: { a: 1 } })).status, 400)
})

test("a worker's training, hours per year, honours and timeline: theirs to read, HR's to add within the enterprise", async () => {
  const org = (await get('/api/v1/me', organiser)).user.grants[0].org_id
  const c = (await send('POST', '/api/v1/courses', organiser, course(org, { name: '安全用电网课', mode: 'online', hours: 6 }))).body
  const put = await send('PUT', `/api/v1/courses/${c.id}/records/${demoWorkerId}`, organiser, { status: 'completed', completed_on: daysAgo(21), score: 92 })
  assert.equal(put.status, 200, JSON.stringify(put.body))

  const mine = await get(`/api/v1/workers/${demoWorkerId}/training`, worker)
  const item = mine.items.find((i) => i.course_id === c.id)
  assert.deepEqual([item.course_name, item.mode, item.hours, item.score, item.status], ['安全用电网课', 'online', 6, 92, 'completed'])
  const year = Number(daysAgo(21).slice(0, 4))
  const expected = Number(sqlite(app.dbFile, `SELECT SUM(hours) FROM training_records WHERE worker_id = ${demoWorkerId} AND status = 'completed' AND substr(completed_on, 1, 4) = '${year}'`))
  assert.equal(mine.hours_by_year.find((h) => h.year === year).hours, expected)
  await get(`/api/v1/workers/${demoWorkerId}/training`, hr, 403)

  // Honours: the HR of the demo worker's enterprise is not this HR; the organiser above both may add.
  const honour = { kind: 'technical_expert', title: '温州市技术能手', level: 'city', awarded_on: daysAgo(10), issuer: '温州市总工会' }
  assert.equal((await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, hr, honour)).status, 403)
  assert.equal((await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, worker, honour)).status, 403, 'a worker does not award themself')
  assert.equal((await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, organiser, { ...honour, kind: 'nobel' })).body.error.field, 'kind')
  assert.equal((await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, organiser, { ...honour, awarded_on: daysAgo(-1) })).body.error.field, 'awarded_on')
  assert.equal((await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, organiser, { ...honour, title: ' ' })).body.error.field, 'title')
  const before = (await get(`/api/v1/workers/${demoWorkerId}/honours`, worker)).items
  const added = await send('POST', `/api/v1/workers/${demoWorkerId}/honours`, organiser, honour)
  assert.equal(added.status, 201, JSON.stringify(added.body))
  const listed = (await get(`/api/v1/workers/${demoWorkerId}/honours`, worker)).items
  assert.equal(listed.length, before.length + 1)
  assert.deepEqual(listed[0], { ...honour, id: added.body.id, worker_id: demoWorkerId, work_type_id: null }, 'the newest first, as recorded')
  await get(`/api/v1/workers/${demoWorkerId}/honours`, hr, 403)

  const timeline = (await get(`/api/v1/workers/${demoWorkerId}/timeline`, worker)).items
  assert.ok(timeline.some((t) => t.kind === 'training' && t.title === '培训：安全用电网课' && t.context === `course:${c.id}` && /结业成绩 92/.test(t.detail)))
  assert.ok(timeline.some((t) => t.kind === 'honour' && t.title === '荣誉：温州市技术能手'))
  // Honours are on the record, not in the measurement: the portrait's evidence has no honour rows.
  assert.equal(Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM evidence WHERE source NOT IN ('aspect', 'exam_item', 'practice_item', 'training')`)), 0)

  assert.equal((await send('DELETE', `/api/v1/honours/${added.body.id}`, hr)).status, 403)
  assert.equal((await send('DELETE', `/api/v1/honours/${added.body.id}`, organiser)).status, 204)
  assert.equal((await get(`/api/v1/workers/${demoWorkerId}/honours`, worker)).items.length, before.length)
  assert.equal((await send('DELETE', `/api/v1/honours/${added.body.id}`, organiser)).status, 404)
})
