// Question bank, exams and practice (docs/api/exams.md) on the small demo: the bank's validation,
// imports and exports; an exam from publication to grading; the candidate's page never told the key;
// autosaved answers surviving kill -9; the deadline enforced by the server; practice levels, the
// wrong-answer notebook and the leaderboard.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, judge, chief, worker, workerId, electrician, welder

const deviceA = 'device-aaaaaaaa'
const deviceB = 'device-bbbbbbbb'
const iso = (offsetSeconds) => new Date(Date.now() + offsetSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  judge = await app.login(app.demoAccounts.judge.username, app.demoAccounts.judge.password)
  chief = await app.login(app.demoAccounts.chief_judge.username, app.demoAccounts.chief_judge.password)
  worker = await app.login(app.demoAccounts.worker.username, app.demoAccounts.worker.password)
  workerId = (await app.request('GET', '/api/v1/me', { token: worker })).body.user.worker_id
  const types = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items
  electrician = types.find((t) => t.name === '电工')
  welder = types.find((t) => t.name === '焊工')
})
after(async () => { await app.stop(); app.cleanup() })

const single = (stem, options, correct, extra = {}) => ({
  work_type_id: welder.id, type: 'single_choice', stem, difficulty: 2, marks: 1,
  options: options.map((text, i) => ({ text, correct: i === correct })), ...extra,
})

test('the bank validates questions, refuses duplicates and is for organisers only', async () => {
  const q = single('二氧化碳气体保护焊常用的保护气体是？', ['CO₂', '氩气', '氮气', '氧气'], 0, { category: '焊接工艺' })
  const created = await app.request('POST', '/api/v1/questions', { token: organiser, body: q })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.equal(created.body.options[0].correct, true)
  assert.equal(created.body.work_type_name, '焊工')

  const dup = await app.request('POST', '/api/v1/questions', { token: organiser, body: { ...q, options: [...q.options].reverse() } })
  assert.equal(dup.status, 409)
  assert.equal(dup.body.error.code, 'duplicate_question')

  const bad = await app.request('POST', '/api/v1/questions', {
    token: organiser, body: { ...single('', ['a', 'a'], 0), difficulty: 9 },
  })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.code, 'invalid_question')
  const codes = bad.body.error.problems.map((p) => p.code).sort()
  assert.deepEqual(codes, ['difficulty_out_of_range', 'duplicate_option', 'stem_empty'])

  assert.equal((await app.request('POST', '/api/v1/questions', { token: judge, body: q })).status, 403)
  assert.equal((await app.request('GET', '/api/v1/questions', { token: worker })).status, 403)
  assert.equal((await app.request('GET', '/api/v1/questions')).status, 401)

  // An edit saves a new version and retires the old one; papers keep the old.
  const edited = await app.request('PUT', `/api/v1/questions/${created.body.id}`, {
    token: organiser, body: { ...q, stem: 'CO₂气体保护焊常用的保护气体是？' },
  })
  assert.equal(edited.status, 200)
  assert.notEqual(edited.body.id, created.body.id)
  assert.equal((await app.request('GET', `/api/v1/questions/${created.body.id}`, { token: organiser })).body.active, false)
  const list = await app.request('GET', `/api/v1/questions?offset=0&work_type_id=${welder.id}&q=${encodeURIComponent('CO₂气体')}`, { token: organiser })
  assert.deepEqual(list.body.items.map((i) => i.id), [edited.body.id])
})

test('a template import is all or nothing with problems by row; duplicates are skipped and counted', async () => {
  const rows = [
    { type: '单选题', stem: '焊接时弧光中对眼睛伤害最大的是？', options: ['红外线', '紫外线', '可见光', '无'], answer: 'B', marks: 1, difficulty: '较易' },
    { type: '判断', stem: '焊工可以穿化纤衣服作业。', answer: '×', dimension: '安全防护' },
    { type: '多选题', stem: '焊接变形的种类有？', options: ['收缩变形', '角变形', '弯曲变形'], answer: 'ABE' },
    { type: '填空', stem: '手工电弧焊的电弧温度可达____℃以上。', answer: '6000|六千' },
    { type: '问答', stem: '焊前预热的目的是什么？', answer: '' },
    { type: '单选', stem: '坡口的作用？', options: ['焊透', '美观'], answer: 'A', dimension: '不存在的维度' },
  ]
  const bad = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, format: 'rows', rows } })
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.code, 'import_invalid')
  const byRow = bad.body.error.rows.map((p) => [p.row, p.code])
  assert.ok(byRow.some(([r, c]) => r === 3 && c === 'answer_letter_out_of_range'), JSON.stringify(byRow))
  assert.ok(byRow.some(([r, c]) => r === 5 && c === 'rubric_missing'), JSON.stringify(byRow))
  assert.ok(byRow.some(([r, c]) => r === 6 && c === 'dimension_unknown'), JSON.stringify(byRow))
  const before = (await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}`, { token: organiser })).body.total

  const good = rows.slice(0, 2).concat(rows[3], { ...rows[4], answer: '防止冷裂纹，降低冷却速度' }, rows[0])
  const dry = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, rows: good, dry_run: true } })
  assert.deepEqual([dry.status, dry.body.imported, dry.body.duplicates], [200, 4, 1])
  assert.equal((await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}`, { token: organiser })).body.total, before)
  const done = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, rows: good } })
  assert.deepEqual([done.body.imported, done.body.duplicates], [4, 1])
  const again = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, rows: good } })
  assert.deepEqual([again.body.imported, again.body.duplicates], [0, 5])
  assert.equal((await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}`, { token: organiser })).body.total, before + 4)
})

test('GIFT and Moodle XML import; exports in every format', async () => {
  const gift = '$CATEGORY: 焊工/安全\n::q1:: 焊接场地周围多少米内不得有易燃物？ {=10米 ~5米 ~1米}\n\n气焊时氧气瓶与乙炔瓶的距离应不小于5米。{T}\n'
  const g = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, format: 'gift', text: gift } })
  assert.deepEqual([g.status, g.body.imported], [200, 2], JSON.stringify(g.body))
  const xml = `<?xml version="1.0" encoding="UTF-8"?><quiz>
    <question type="category"><category><text>$course$/top/焊工/工艺</text></category></question>
    <question type="multichoice"><name><text>q</text></name>
      <questiontext format="html"><text><![CDATA[<p>焊条药皮的作用有哪些？</p>]]></text></questiontext>
      <single>false</single>
      <answer fraction="50"><text>稳弧</text></answer><answer fraction="50"><text>保护熔池</text></answer>
      <answer fraction="0"><text>降低强度</text></answer></question></quiz>`
  const m = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, format: 'moodle', text: xml } })
  assert.deepEqual([m.status, m.body.imported], [200, 1], JSON.stringify(m.body))
  const imported = (await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}&q=${encodeURIComponent('焊条药皮')}`, { token: organiser })).body.items[0]
  assert.equal(imported.type, 'multiple_choice')
  assert.equal(imported.category, '焊工/工艺')
  assert.deepEqual(imported.options.map((o) => o.correct), [true, true, false])

  const bad = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, format: 'moodle', text: '<quiz><question' } })
  assert.equal(bad.status, 422)

  for (const [format, type] of [['xlsx', 'spreadsheetml'], ['gift', 'text/plain'], ['moodle', 'xml']]) {
    const r = await app.request('GET', `/api/v1/questions/export?work_type_id=${welder.id}&format=${format}`, { token: organiser })
    assert.equal(r.status, 200, format)
    assert.match(r.headers.get('content-type'), new RegExp(type))
  }
  const gifted = await app.request('GET', `/api/v1/questions/export?work_type_id=${welder.id}&format=gift`, { token: organiser })
  assert.match(gifted.text, /焊接场地周围/)
  const template = await app.request('GET', '/api/v1/questions/template.xlsx', { token: organiser })
  assert.equal(template.status, 200)
  assert.equal(template.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
})

// An exam for the demo worker with a blueprint the welder bank can fill.
async function makeExam(extra = {}) {
  const body = {
    title: '焊工理论测试', work_type_id: welder.id, opens_at: iso(-60), closes_at: iso(3600), duration_minutes: 30,
    paper: { mode: 'blueprint', rows: [
      { type: 'single_choice', count: 3, marks_each: 2 }, { type: 'true_false', count: 2, marks_each: 1 },
      { type: 'fill_blank', count: 1, marks_each: 2 }, { type: 'short_answer', count: 1, marks_each: 5 },
    ] },
    ...extra,
  }
  const exam = await app.request('POST', '/api/v1/exams', { token: organiser, body })
  assert.equal(exam.status, 201, JSON.stringify(exam.body))
  const added = await app.request('POST', `/api/v1/exams/${exam.body.id}/candidates`, { token: organiser, body: { worker_ids: [workerId] } })
  assert.equal(added.body.added, 1)
  const published = await app.request('POST', `/api/v1/exams/${exam.body.id}/publish`, { token: organiser })
  assert.equal(published.status, 200, JSON.stringify(published.body))
  return published.body
}

test('exam set-up is validated; a bank too small for the blueprint is refused row by row', async () => {
  const base = { title: 'x', work_type_id: welder.id, opens_at: iso(0), closes_at: iso(3600), paper: { mode: 'blueprint', rows: [{ type: 'single_choice', count: 1 }] } }
  const r1 = await app.request('POST', '/api/v1/exams', { token: organiser, body: { ...base, closes_at: iso(-10) } })
  assert.deepEqual([r1.status, r1.body.error.field], [400, 'closes_at'])
  const r2 = await app.request('POST', '/api/v1/exams', { token: organiser, body: { ...base, opens_at: 'tomorrow' } })
  assert.deepEqual([r2.status, r2.body.error.field], [400, 'opens_at'])
  const r3 = await app.request('POST', '/api/v1/exams', { token: organiser, body: { ...base, paper: { mode: 'blueprint', rows: [{ type: 'single_choice', count: 0 }] } } })
  assert.equal(r3.body.error.code, 'invalid_blueprint')
  assert.equal((await app.request('POST', '/api/v1/exams', { token: judge, body: base })).status, 403)

  const big = await app.request('POST', '/api/v1/exams', { token: organiser, body: { ...base, paper: { mode: 'blueprint', rows: [
    { type: 'single_choice', count: 2 }, { type: 'multiple_choice', count: 500 }] } } })
  assert.equal(big.status, 201)
  assert.equal((await app.request('POST', `/api/v1/exams/${big.body.id}/publish`, { token: organiser })).body.error.code, 'no_candidates')
  await app.request('POST', `/api/v1/exams/${big.body.id}/candidates`, { token: organiser, body: { worker_ids: [workerId] } })
  const refused = await app.request('POST', `/api/v1/exams/${big.body.id}/publish`, { token: organiser })
  assert.equal(refused.status, 422)
  assert.equal(refused.body.error.code, 'bank_too_small')
  assert.deepEqual(refused.body.error.rows.map((p) => p.row), [2])
})

test('the candidate page never reveals the key; answers autosave and survive kill -9; one device at a time', async () => {
  const exam = await makeExam()
  const mine = (await app.request('GET', '/api/v1/me/exams', { token: worker })).body.items.find((e) => e.id === exam.id)
  assert.equal(mine.state, 'open')
  assert.equal((await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: judge, body: { device_id: deviceA } })).status, 403)

  const start = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceA } })
  assert.equal(start.status, 200, JSON.stringify(start.body))
  assert.equal(start.body.questions.length, 7)
  assert.ok(start.body.session.remaining_seconds > 1700 && start.body.session.remaining_seconds <= 1800)
  const page = JSON.stringify(start.body.questions)
  for (const secret of ['correct', 'rubric', 'accepted', 'explanation']) assert.ok(!page.includes(secret), secret)
  const bank = (await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}&limit=200`, { token: organiser })).body.items
  for (const q of start.body.questions) assert.ok(!bank.some((b) => b.id === q.id), 'a bank id on the page')

  const choice = start.body.questions.find((q) => q.type === 'single_choice')
  const fill = start.body.questions.find((q) => q.type === 'fill_blank')
  const essay = start.body.questions.find((q) => q.type === 'short_answer')
  const save = (answers, device = deviceA) => app.request('PUT', `/api/v1/exam-sessions/${start.body.session.id}/answers`, { token: worker, body: { device_id: device, answers } })
  assert.equal((await save([{ question: choice.id, response: { option_ids: [choice.options[1].id] }, seq: 2 }])).body.saved, 1)
  // A late retry of an older write does not overwrite the newer answer.
  assert.equal((await save([{ question: choice.id, response: { option_ids: [choice.options[0].id] }, seq: 1 }])).body.saved, 0)
  await save([{ question: fill.id, response: { blanks: ['搭接'] }, seq: 1 }, { question: essay.id, response: { text: '防止裂纹' }, seq: 1 }])
  const forged = await save([{ question: choice.id, response: { option_ids: ['not-an-option'] }, seq: 3 }])
  assert.equal(forged.status, 400)
  const unknown = await save([{ question: 'nope', response: {}, seq: 3 }])
  assert.equal(unknown.status, 400)

  // A second device while the first is active is refused; the first keeps the session.
  const second = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceB } })
  assert.deepEqual([second.status, second.body.error.code], [409, 'session_in_use'])
  assert.equal((await save([{ question: choice.id, response: { option_ids: [] }, seq: 9 }], deviceB)).body.error.code, 'session_moved')

  // kill -9, restart: every acknowledged answer is there, and the page resumes with them.
  await app.stop('SIGKILL')
  await app.start()
  const resumed = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceA } })
  assert.equal(resumed.status, 200)
  assert.equal(resumed.body.session.id, start.body.session.id)
  assert.deepEqual(resumed.body.questions.map((q) => q.id), start.body.questions.map((q) => q.id))
  assert.deepEqual(resumed.body.answers[choice.id].option_ids, [choice.options[1].id])
  assert.equal(resumed.body.answers[choice.id].seq, 2)
  assert.deepEqual(resumed.body.answers[fill.id].blanks, ['搭接'])
  assert.equal(resumed.body.answers[essay.id].text, '防止裂纹')

  await app.request('POST', `/api/v1/exam-sessions/${start.body.session.id}/events`, { token: worker, body: { device_id: deviceA, events: [{ kind: 'hidden', at: iso(0) }, { kind: 'visible' }] } })
  const badEvent = await app.request('POST', `/api/v1/exam-sessions/${start.body.session.id}/events`, { token: worker, body: { device_id: deviceA, events: [{ kind: 'hack' }] } })
  assert.equal(badEvent.status, 400)

  const submitted = await app.request('POST', `/api/v1/exam-sessions/${start.body.session.id}/submit`, { token: worker, body: { device_id: deviceA } })
  assert.equal(submitted.status, 200)
  const s = submitted.body.session
  assert.equal(s.status, 'submitted')
  assert.equal(s.pending_manual, 1)
  assert.equal(s.max_score, 15)
  const again = await app.request('POST', `/api/v1/exam-sessions/${start.body.session.id}/submit`, { token: worker, body: { device_id: deviceA } })
  assert.deepEqual(again.body.session, { ...s, server_time: again.body.session.server_time })
  assert.equal((await save([{ question: choice.id, response: {}, seq: 10 }])).body.error.code, 'already_submitted')
  assert.equal((await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceA } })).body.error.code, 'already_submitted')

  // The organiser sees the session and its integrity log; graders mark the short answer blind.
  const sessions = (await app.request('GET', `/api/v1/exams/${exam.id}/sessions`, { token: organiser })).body.items
  const row = sessions.find((x) => x.worker_id === workerId)
  assert.equal(row.status, 'submitted')
  assert.ok(row.integrity_events >= 4, JSON.stringify(row))
  const log = (await app.request('GET', `/api/v1/exam-sessions/${row.session_id}/events`, { token: organiser })).body.items.map((e) => e.kind)
  assert.deepEqual(log.filter((k) => k !== 'resume'), ['start', 'hidden', 'visible', 'submit'])
  assert.equal((await app.request('GET', `/api/v1/exam-sessions/${row.session_id}/events`, { token: worker })).status, 403)

  // Graders of the exam's organisation only: the demo judge's grant is on one industry union.
  assert.equal((await app.request('GET', `/api/v1/exams/${exam.id}/grading`, { token: judge })).status, 403)
  const queue = (await app.request('GET', `/api/v1/exams/${exam.id}/grading`, { token: chief })).body.items
  assert.equal(queue.length, 1)
  assert.equal(queue[0].text, '防止裂纹')
  assert.ok(!JSON.stringify(queue).includes(row.worker_name))
  const tooMuch = await app.request('POST', `/api/v1/exams/${exam.id}/grading`, { token: chief, body: { answer_id: queue[0].answer_id, awarded: 6 } })
  assert.equal(tooMuch.status, 400)
  const graded = await app.request('POST', `/api/v1/exams/${exam.id}/grading`, { token: chief, body: { answer_id: queue[0].answer_id, awarded: 3 } })
  assert.deepEqual([graded.status, graded.body.awarded, graded.body.graded_by], [200, 3, app.demoAccounts.chief_judge.username])
  const after = (await app.request('GET', `/api/v1/exam-sessions/${start.body.session.id}`, { token: worker })).body.session
  assert.equal(after.pending_manual, 0)
  assert.equal(after.score, s.score + 3)
  assert.equal((await app.request('GET', `/api/v1/exams/${exam.id}/grading`, { token: worker })).status, 403)
})

test('the server submits a session at its deadline, with the answers saved until then', async () => {
  const exam = await makeExam({ title: '限时测试' })
  const start = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceA } })
  const tf = start.body.questions.find((q) => q.type === 'true_false')
  await app.request('PUT', `/api/v1/exam-sessions/${start.body.session.id}/answers`, { token: worker, body: { device_id: deviceA, answers: [{ question: tf.id, response: { option_ids: [tf.options[0].id] }, seq: 1 }] } })
  // The deadline passes (moved back in the store, as if an hour went by).
  sqlite(app.dbFile, `UPDATE exam_sessions SET deadline_epoch = deadline_epoch - 7200 WHERE id = ${start.body.session.id}`)
  const late = await app.request('PUT', `/api/v1/exam-sessions/${start.body.session.id}/answers`, { token: worker, body: { device_id: deviceA, answers: [{ question: tf.id, response: { option_ids: [tf.options[1].id] }, seq: 2 }] } })
  assert.deepEqual([late.status, late.body.error.code], [409, 'time_up'])
  const state = (await app.request('GET', `/api/v1/exam-sessions/${start.body.session.id}`, { token: worker })).body.session
  assert.deepEqual([state.status, state.auto_submitted], ['submitted', true])
  const kept = sqlite(app.dbFile, `SELECT response FROM exam_answers a JOIN exam_sessions s ON s.id = a.session_id WHERE s.id = ${start.body.session.id} AND a.seq = 1`)
  assert.match(kept, new RegExp(tf.options[0].id))
})

test('the sweeper submits a silent session without anyone asking', async () => {
  const exam = await makeExam({ title: '无人值守测试' })
  const start = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token: worker, body: { device_id: deviceA } })
  sqlite(app.dbFile, `UPDATE exam_sessions SET deadline_epoch = deadline_epoch - 7200 WHERE id = ${start.body.session.id}`)
  let status = ''
  for (let i = 0; i < 40 && status !== 'submitted'; ++i) {
    await new Promise((r) => setTimeout(r, 250))
    status = sqlite(app.dbFile, `SELECT status FROM exam_sessions WHERE id = ${start.body.session.id}`)
  }
  assert.equal(status, 'submitted')
})

test('item statistics of the demo mock exam flag questions and give KR-20 / alpha', async () => {
  const exams = (await app.request('GET', '/api/v1/exams', { token: organiser })).body.items
  const mock = exams.find((e) => e.title.includes('模拟考试'))
  assert.equal(mock.status, 'closed')
  assert.ok(mock.submitted >= 20)
  const stats = await app.request('GET', `/api/v1/exams/${mock.id}/statistics`, { token: organiser })
  assert.equal(stats.status, 200)
  assert.equal(stats.body.candidates, mock.submitted)
  assert.ok(stats.body.items.length > 10)
  assert.ok(stats.body.items.every((i) => i.p === null || (i.p >= 0 && i.p <= 1)))
  assert.ok(stats.body.alpha !== null)
  assert.equal(stats.body.kr20, null, 'partial-credit items: KR-20 does not apply')
  assert.equal((await app.request('GET', `/api/v1/exams/${mock.id}/statistics`, { token: worker })).status, 403)
  const xlsx = await app.request('GET', `/api/v1/exams/${mock.id}/results.xlsx`, { token: organiser })
  assert.equal(xlsx.status, 200)
})

// The right response for a shown question, read from the organiser's bank by the texts shown.
function rightResponse(shown, bank) {
  const q = bank.find((b) => b.stem === shown.stem)
  if (shown.type === 'fill_blank') return { blanks: q.blanks.map((b) => b.accepted[0]) }
  const right = new Set(q.options.filter((o) => o.correct).map((o) => o.text))
  return { option_ids: shown.options.filter((o) => right.has(o.text)).map((o) => o.id) }
}

test('practice: levels unlock in order, wrong answers go to the notebook, the leaderboard counts right answers', async () => {
  const levels = (await app.request('GET', `/api/v1/practice/levels?work_type_id=${electrician.id}`, { token: worker })).body
  assert.equal(levels.items.length, 3)
  assert.deepEqual(levels.items.map((l) => l.unlocked), [true, false, false])
  assert.equal(levels.next_level_id, levels.items[0].id)
  const locked = await app.request('POST', `/api/v1/practice/levels/${levels.items[1].id}/attempts`, { token: worker })
  assert.deepEqual([locked.status, locked.body.error.code], [403, 'level_locked'])

  // First try: every first option — some wrong.
  const first = (await app.request('POST', `/api/v1/practice/levels/${levels.items[0].id}/attempts`, { token: worker })).body
  assert.equal(first.questions.length, 5)
  const wrongs = first.questions.map((q) => ({ question: q.id, response: q.options.length ? { option_ids: [q.options[0].id] } : { blanks: ['?'] } }))
  const r1 = (await app.request('POST', `/api/v1/practice/attempts/${first.attempt_id}/submit`, { token: worker, body: { answers: wrongs, seconds: 40 } })).body
  assert.ok(r1.items.every((i) => 'correct_option_ids' in i))
  const wrongCount = r1.items.filter((i) => !i.correct).length
  const book = (await app.request('GET', `/api/v1/practice/wrong-book?work_type_id=${electrician.id}`, { token: worker })).body.items
  assert.equal(book.length, wrongCount)
  // Submitting twice answers the same.
  const r1again = (await app.request('POST', `/api/v1/practice/attempts/${first.attempt_id}/submit`, { token: worker, body: { answers: [], seconds: 1 } })).body
  assert.deepEqual(r1again, r1)

  // Second try, all right: passed, level 2 opens.
  const bank = (await app.request('GET', `/api/v1/questions?work_type_id=${electrician.id}&limit=200`, { token: organiser })).body.items
  const second = (await app.request('POST', `/api/v1/practice/levels/${levels.items[0].id}/attempts`, { token: worker })).body
  const rights = second.questions.map((q) => ({ question: q.id, response: rightResponse(q, bank) }))
  const r2 = (await app.request('POST', `/api/v1/practice/attempts/${second.attempt_id}/submit`, { token: worker, body: { answers: rights, seconds: 30 } })).body
  assert.equal(r2.percent, 100)
  assert.equal(r2.passed, true)
  assert.equal(r2.next_level_id, levels.items[1].id)
  const after = (await app.request('GET', `/api/v1/practice/levels?work_type_id=${electrician.id}`, { token: worker })).body
  assert.deepEqual(after.items.map((l) => [l.passed, l.unlocked]), [[true, true], [false, true], [false, false]])

  const board = (await app.request('GET', `/api/v1/practice/leaderboard?work_type_id=${electrician.id}&period=day`, { token: worker })).body
  assert.equal(board.me.points, r1.points + r2.points)
  assert.equal(board.me.seconds, 70)
  assert.equal(board.items[0].rank, 1)
  const badPeriod = await app.request('GET', `/api/v1/practice/leaderboard?work_type_id=${electrician.id}&period=year`, { token: worker })
  assert.equal(badPeriod.status, 400)
  const mine = (await app.request('GET', '/api/v1/me/practice', { token: worker })).body.items.find((a) => a.work_type_id === electrician.id)
  assert.deepEqual([mine.levels, mine.passed, mine.wrong_book], [3, 1, book.length])
  if (book.length) {
    const notebook = await app.request('POST', `/api/v1/practice/wrong-book/attempts?work_type_id=${electrician.id}`, { token: worker })
    assert.equal(notebook.status, 201)
    assert.equal(notebook.body.questions.length, book.length)
  }
})

test('exam results go into the event theory component as marks (once) and into the worker record', async () => {
  const comp = (await app.request('GET', '/api/v1/competitions', { token: admin })).body.items[0]
  const eventSummary = comp.events.find((e) => e.work_type_name === '电工' || e.name.includes('电工'))
  const event = (await app.request('GET', `/api/v1/events/${eventSummary.id}`, { token: admin })).body
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: admin })).body.items.filter((e) => e.status !== 'withdrawn')
  const bank = (await app.request('GET', `/api/v1/questions?work_type_id=${electrician.id}&type=true_false`, { token: organiser })).body.items
  const exam = (await app.request('POST', '/api/v1/exams', { token: organiser, body: {
    title: '电工赛项理论考试', work_type_id: electrician.id, opens_at: iso(-60), closes_at: iso(3600), duration_minutes: 20,
    paper: { mode: 'fixed', question_ids: bank.slice(0, 4).map((q) => q.id) } } })).body
  await app.request('POST', `/api/v1/exams/${exam.id}/candidates`, { token: organiser, body: { worker_ids: entries.map((e) => e.worker_id) } })
  assert.equal((await app.request('POST', `/api/v1/exams/${exam.id}/publish`, { token: organiser })).status, 200)

  // One entrant sits it through a session token made for the test (their account does not exist).
  const sitter = entries[0]
  const token = 'e'.repeat(60) + '0001'  // session tokens are 64 characters
  sqlite(app.dbFile, `INSERT INTO users(username, display_name, password_hash, worker_id, created_at) VALUES ('sitter', 'sitter', '!', ${sitter.worker_id}, '2026-01-01T00:00:00Z');
    INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at) SELECT '${await sha256(token)}', id, 'x', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z' FROM users WHERE username = 'sitter';`)
  const started = await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token, body: { device_id: deviceA } })
  assert.equal(started.status, 200, JSON.stringify(started.body))
  const start = started.body
  const answers = start.questions.map((q) => ({ question: q.id, response: rightResponse(q, bank) }))
  const done = (await app.request('POST', `/api/v1/exam-sessions/${start.session.id}/submit`, { token, body: { device_id: deviceA, answers } })).body.session
  assert.equal(done.score, done.max_score)

  const moved = await app.request('POST', `/api/v1/exams/${exam.id}/transfer`, { token: organiser, body: { event_id: event.id } })
  assert.equal(moved.status, 200, JSON.stringify(moved.body))
  assert.equal(moved.body.transferred, 1)
  assert.equal(moved.body.absent.length, entries.length - 1)
  const theory = event.components.find((c) => c.kind === 'theory')
  const value = sqlite(app.dbFile, `SELECT value FROM marks WHERE source = 'exam' AND entry_id = ${sitter.id}`)
  assert.equal(Number(value), theory.max_mark)
  const again = (await app.request('POST', `/api/v1/exams/${exam.id}/transfer`, { token: organiser, body: { event_id: event.id } })).body
  assert.deepEqual([again.transferred, again.replayed], [0, 1])
  const welderEvent = comp.events.find((e) => e.id !== event.id && !(e.work_type_name === '电工'))
  const wrongType = await app.request('POST', `/api/v1/exams/${exam.id}/transfer`, { token: organiser, body: { event_id: welderEvent.id } })
  assert.equal(wrongType.status, 400)
  assert.equal((await app.request('POST', `/api/v1/exams/${exam.id}/transfer`, { token: judge, body: { event_id: event.id } })).status, 403)

  const record = (await app.request('GET', `/api/v1/workers/${sitter.worker_id}/exam-results`, { token: admin })).body.items
  assert.deepEqual([record[0].title, record[0].passed, record[0].score], ['电工赛项理论考试', true, done.score], 'newest first')
  assert.equal((await app.request('GET', `/api/v1/workers/${sitter.worker_id}/exam-results`, { token: worker })).status, 403)
})

// A share of the right answers: the first `right` questions answered right, the rest wrong.
function responses(start, bank, right) {
  return start.questions.map((q, i) => {
    const good = rightResponse(q, bank)
    if (i < right) return { question: q.id, response: good }
    return { question: q.id, response: { option_ids: q.options.map((o) => o.id).filter((id) => !good.option_ids.includes(id)) } }
  })
}

test('a team\'s theory score is its members\' mean; a team with a member absent is listed, not scored', async () => {
  const root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  const comp = (await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '电工团体赛（理论）', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' } })).body
  const ev = (await app.request('POST', `/api/v1/competitions/${comp.id}/events`, { token: organiser, body: { name: '电工团体', work_type_id: electrician.id, team_size: 2 } })).body
  const event = (await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [{ kind: 'theory', name: '理论', max_mark: 100 }] } })).body
  // Members without an account yet, so the test can give each one.
  const linked = new Set(sqlite(app.dbFile, 'SELECT worker_id FROM users WHERE worker_id IS NOT NULL').split('\n').filter(Boolean))
  const members = (await app.request('GET', `/api/v1/workers?work_type_id=${electrician.id}&limit=50`, { token: admin })).body.items.filter((w) => !linked.has(String(w.id))).slice(0, 4)
  const teams = []
  for (const [name, pair] of [['一队', members.slice(0, 2)], ['二队', members.slice(2, 4)]]) {
    const r = await app.request('POST', `/api/v1/events/${event.id}/entries`, { token: organiser, body: { team_name: name, member_ids: pair.map((w) => w.id) } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    teams.push(r.body)
  }
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'registration' } })
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'running' } })
  const bank = (await app.request('GET', `/api/v1/questions?work_type_id=${electrician.id}&type=true_false`, { token: organiser })).body.items
  const exam = (await app.request('POST', '/api/v1/exams', { token: organiser, body: {
    title: '电工团体赛理论考试', work_type_id: electrician.id, opens_at: iso(-60), closes_at: iso(3600), duration_minutes: 20,
    paper: { mode: 'fixed', question_ids: bank.slice(0, 4).map((q) => q.id) } } })).body
  await app.request('POST', `/api/v1/exams/${exam.id}/candidates`, { token: organiser, body: { worker_ids: members.map((w) => w.id) } })
  assert.equal((await app.request('POST', `/api/v1/exams/${exam.id}/publish`, { token: organiser })).status, 200)

  // 一队: all right and half right (mean 75 %); 二队: one member sits, the other does not.
  for (const [i, right] of [[0, 4], [1, 2], [2, 4]]) {
    const w = members[i]
    const user = await app.request('POST', '/api/v1/users', { token: admin, body: { username: `team.sitter${i}`, password: 'Sitter-Pass-123', worker_id: w.id, grants: [{ role: 'worker', org_id: w.org_id }] } })
    assert.equal(user.status, 201, JSON.stringify(user.body))
    const token = await app.login(`team.sitter${i}`, 'Sitter-Pass-123')
    const start = (await app.request('POST', `/api/v1/exams/${exam.id}/start`, { token, body: { device_id: deviceA } })).body
    const done = await app.request('POST', `/api/v1/exam-sessions/${start.session.id}/submit`, { token, body: { device_id: deviceA, answers: responses(start, bank, right) } })
    assert.equal(done.body.session.score, done.body.session.max_score * right / 4)
  }
  const moved = await app.request('POST', `/api/v1/exams/${exam.id}/transfer`, { token: organiser, body: { event_id: event.id } })
  assert.equal(moved.status, 200, JSON.stringify(moved.body))
  assert.equal(moved.body.transferred, 1)
  assert.deepEqual(moved.body.absent, [`二队·${members[3].name}`])
  assert.equal(moved.body.not_entered, 0)
  const value = sqlite(app.dbFile, `SELECT value FROM marks WHERE source = 'exam' AND entry_id = ${teams[0].id}`)
  assert.equal(Number(value), 75)
  assert.equal(sqlite(app.dbFile, `SELECT COUNT(*) FROM marks WHERE entry_id = ${teams[1].id}`).trim(), '0')
})

async function sha256(text) {
  const { createHash } = await import('node:crypto')
  return createHash('sha256').update(text).digest('hex')
}

test('organisation scope: an enterprise organiser sees and uses only its own bank and exams', async () => {
  const orgs = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items
  const [entA, entB] = orgs.filter((o) => o.kind === 'enterprise')
  const organiserAt = async (name, org) => {
    const u = await app.request('POST', '/api/v1/users', { token: admin, body: { username: name, password: 'Organiser-Pass-1', display_name: name, grants: [{ role: 'organiser', org_id: org.id }] } })
    assert.equal(u.status, 201, JSON.stringify(u.body))
    return app.login(name, 'Organiser-Pass-1')
  }
  const a = await organiserAt('org.a', entA)
  const b = await organiserAt('org.b', entB)
  const mine = await app.request('POST', '/api/v1/questions', { token: a, body: single('企业A内部题：本公司焊机型号是？', ['ZX7-400', 'NBC-350'], 0) })
  assert.equal(mine.status, 201)
  assert.equal(mine.body.org_id, entA.id)
  assert.equal((await app.request('GET', `/api/v1/questions/${mine.body.id}`, { token: b })).status, 403)
  const listed = (await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}&limit=200`, { token: b })).body.items
  assert.ok(!listed.some((q) => q.id === mine.body.id))
  // B cannot put A's question on a paper by its id.
  const stolen = await app.request('POST', '/api/v1/exams', { token: b, body: {
    title: '借题', work_type_id: welder.id, opens_at: iso(0), closes_at: iso(3600), paper: { mode: 'fixed', question_ids: [mine.body.id] } } })
  assert.deepEqual([stolen.status, stolen.body.error.field], [400, 'paper.question_ids'])
  // The city's exams are not B's to read, grade or analyse.
  const cityExam = (await app.request('GET', '/api/v1/exams', { token: organiser })).body.items[0]
  assert.ok(!(await app.request('GET', '/api/v1/exams', { token: b })).body.items.some((e) => e.id === cityExam.id))
  for (const path of ['', '/sessions', '/statistics', '/grading'])
    assert.equal((await app.request('GET', `/api/v1/exams/${cityExam.id}${path}`, { token: b })).status, 403, path)
  // A worker is no organiser and no candidate of someone else's session.
  assert.equal((await app.request('GET', '/api/v1/exams', { token: worker })).status, 403)
})

test('practice levels belong to an organisation: an enterprise adds its own, cannot change the city’s', async () => {
  const orgs = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items
  const me = (await app.request('GET', '/api/v1/me', { token: worker })).body.user
  const workerOrg = me.grants[0].org_id
  const other = orgs.find((o) => o.kind === 'enterprise' && o.id !== workerOrg)
  const u = await app.request('POST', '/api/v1/users', { token: admin, body: { username: 'org.levels', password: 'Organiser-Pass-1', display_name: 'x', grants: [{ role: 'organiser', org_id: other.id }] } })
  assert.equal(u.status, 201)
  const b = await app.login('org.levels', 'Organiser-Pass-1')
  const cityLevels = (await app.request('GET', `/api/v1/practice/levels?work_type_id=${electrician.id}`, { token: organiser })).body.items
  const changed = await app.request('PUT', `/api/v1/practice/levels/${cityLevels[0].id}`, { token: b, body: { name: '改名', question_count: 5, pass_percent: 60 } })
  assert.equal(changed.status, 403)
  const own = await app.request('POST', '/api/v1/practice/levels', { token: b, body: { work_type_id: electrician.id, name: '本企业加练', question_count: 3, pass_percent: 60 } })
  assert.equal(own.status, 201, JSON.stringify(own.body))
  // B sees the city's levels and its own; the demo worker (another enterprise) does not see B's.
  const seenByB = (await app.request('GET', `/api/v1/practice/levels?work_type_id=${electrician.id}`, { token: b })).body.items.map((l) => l.id)
  assert.ok(seenByB.includes(own.body.id) && seenByB.includes(cityLevels[0].id))
  const seenByWorker = (await app.request('GET', `/api/v1/practice/levels?work_type_id=${electrician.id}`, { token: worker })).body.items.map((l) => l.id)
  assert.ok(!seenByWorker.includes(own.body.id))
  assert.equal((await app.request('POST', `/api/v1/practice/levels/${own.body.id}/attempts`, { token: worker })).status, 404)
})

test('pictures: uploaded by organisers, checked by their bytes, and carried through a Moodle XML export and import', async () => {
  // A valid 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  const up = await app.request('POST', '/api/v1/question-assets', { token: organiser, raw: png, headers: { 'content-type': 'image/png' } })
  assert.equal(up.status, 201, JSON.stringify(up.body))
  assert.match(up.body.key, /^[0-9a-f]{32}\.png$/)
  const fake = await app.request('POST', '/api/v1/question-assets', { token: organiser, raw: '<svg onload=alert(1)>', headers: { 'content-type': 'image/png' } })
  assert.equal(fake.status, 400)
  assert.equal((await app.request('POST', '/api/v1/question-assets', { token: worker, raw: png })).status, 403)
  const served = await app.request('GET', `/api/v1/question-assets/${up.body.key}`, { token: worker })
  assert.deepEqual([served.status, served.headers.get('content-type')], [200, 'image/png'])

  const q = await app.request('POST', '/api/v1/questions', { token: organiser, body: single('如图所示的焊缝缺陷是？', ['咬边', '气孔'], 0, { images: [up.body.key], category: '图片题' }) })
  assert.equal(q.status, 201, JSON.stringify(q.body))
  const xml = (await app.request('GET', `/api/v1/questions/export?work_type_id=${welder.id}&format=moodle`, { token: organiser })).text
  assert.match(xml, new RegExp(`<file name="${up.body.key}" path="/" encoding="base64">`))
  // Retire it and import the export again: the question comes back with the same picture.
  await app.request('DELETE', `/api/v1/questions/${q.body.id}`, { token: organiser })
  const back = await app.request('POST', '/api/v1/questions/import', { token: organiser, body: { work_type_id: welder.id, format: 'moodle', text: xml } })
  assert.equal(back.status, 200, JSON.stringify(back.body))
  assert.ok(back.body.imported >= 1)
  const again = (await app.request('GET', `/api/v1/questions?work_type_id=${welder.id}&q=${encodeURIComponent('如图所示的焊缝缺陷')}`, { token: organiser })).body.items
  assert.deepEqual(again.map((x) => x.images), [[up.body.key]])
})
