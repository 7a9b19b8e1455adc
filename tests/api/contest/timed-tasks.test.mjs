// Timed tasks (计时项目): times recorded as marks on a `time` aspect, time-based marks relative to the
// fastest entrant across every venue, the time tie-break with real times, a venue's time allowance
// after an outage, and the live board agreeing with the standings.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, chief, judge, judgeId, comp, event, venues, entries, speed, quality, speedTime, qualityMark

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  const root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  const fitter = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '钳工')
  for (const [name, role] of [['timer', 'judge'], ['timechief', 'chief_judge']]) {
    const u = await app.request('POST', '/api/v1/users', { token: admin, body: { username: name, password: 'Judge-Pass-123', display_name: name, grants: [{ role, org_id: root.id }] } })
    assert.equal(u.status, 201, JSON.stringify(u.body))
    if (name === 'timer') judgeId = u.body.id
  }
  judge = await app.login('timer', 'Judge-Pass-123')
  chief = await app.login('timechief', 'Judge-Pass-123')
  comp = (await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '管道连接计时赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' } })).body
  venues = []
  for (const name of ['鹿城赛区', '瑞安赛区']) venues.push((await app.request('POST', `/api/v1/competitions/${comp.id}/venues`, { token: organiser, body: { name, city: '温州' } })).body)
  event = (await app.request('POST', `/api/v1/competitions/${comp.id}/events`, { token: organiser, body: { name: '管道快速连接', work_type_id: fitter.id, total_mode: 'raw_sum', tie_breaks: ['time_lower'], venue_ids: venues.map((v) => v.id) } })).body
})
after(async () => { await app.stop(); app.cleanup() })

const scheme = (timeMax, limit) => ({ components: [
  { kind: 'practical', name: '计时：管道连接', max_mark: timeMax || 20, weight: 1, time_limit_seconds: limit, aspects: [{ name: '完成用时', kind: 'time', max_mark: timeMax }] },
  { kind: 'practical', name: '连接质量', max_mark: 80, weight: 1, aspects: [{ name: '密封与外观', kind: 'measurement', max_mark: 80, step: 0.5 }] },
] })

test('a time worth marks needs the task’s time limit; one time per task', async () => {
  const noLimit = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: scheme(20, undefined) })
  assert.equal(noLimit.status, 400)
  assert.ok(noLimit.body.error.problems.some((p) => p.code === 'time_needs_limit'), JSON.stringify(noLimit.body))
  const two = scheme(20, 900)
  two.components[0].aspects.push({ name: '第二个计时', kind: 'time', max_mark: 0 })
  const twice = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: two })
  assert.ok(twice.body.error.problems.some((p) => p.code === 'too_many_times'), JSON.stringify(twice.body))
  const ok = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: scheme(20, 900) })
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  ;[speed, quality] = ok.body.components
  speedTime = speed.aspects[0]
  qualityMark = quality.aspects[0]
  assert.equal(speedTime.kind, 'time')
})

test('times score against the fastest of every venue; ties fall to the faster; an allowance moves a venue', async () => {
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'registration' } })
  const fitters = (await app.request('GET', `/api/v1/workers?limit=4&work_type_id=${event.work_type_id}`, { token: admin })).body.items
  entries = []
  for (const [i, w] of fitters.entries()) {
    const r = await app.request('POST', `/api/v1/events/${event.id}/entries`, { token: organiser, body: { worker_id: w.id, venue_id: venues[i % 2].id } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    entries.push(r.body)
  }
  assert.equal((await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: judgeId } })).status, 201)
  const chiefUser = (await app.request('GET', '/api/v1/users?limit=200', { token: admin })).body.items.find((u) => u.username === 'timechief')
  assert.equal((await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: chiefUser.id, chief: true } })).status, 201)
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'running' } })

  // entries 0, 2 at venue 0; 1, 3 at venue 1. Times 300, 600, 450, none; quality 70, 80, 75, 80.
  const times = [300, 600, 450, null]
  const qualities = [70, 80, 75, 80]
  let n = 0
  for (const [i, e] of entries.entries()) {
    const marks = [{ client_id: `q-${++n}`, entry_id: e.id, aspect_id: qualityMark.id, value: qualities[i] }]
    if (times[i] !== null) marks.push({ client_id: `t-${++n}`, entry_id: e.id, aspect_id: speedTime.id, value: times[i] })
    const r = await app.request('POST', '/api/v1/marks', { token: judge, body: { marks } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  const bad = await app.request('POST', '/api/v1/marks', { token: judge, body: { client_id: 'neg', entry_id: entries[3].id, aspect_id: speedTime.id, value: -5 } })
  assert.equal(bad.status, 400)

  const standings = async () => {
    const rows = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body.items
    return new Map(rows.map((r) => [r.entry.id, r]))
  }
  let s = await standings()
  // Time marks: 300 s → 20, 450 s → 15, 600 s → 10 (limit 900), no time → 0.
  assert.deepEqual(entries.map((e) => s.get(e.id).total), [90, 90, 90, 80])
  assert.deepEqual(entries.map((e) => s.get(e.id).components[0].seconds), [300, 600, 450, null])
  // Three tied at 90: time_lower orders them 300, 450, 600 (ranks still shared? no: the rule splits them).
  assert.deepEqual(entries.map((e) => s.get(e.id).rank), [1, 3, 2, 4])

  // The live board agrees with the standings.
  // Boards carry public row ids; the organiser's entries list says whose row is which.
  const listed = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: organiser })).body.items
  const rowOf = new Map(listed.map((e) => [e.id, e.board_row_id]))
  const board = (await app.request('GET', `/api/v1/boards/e${event.id}/rows?limit=10`, { token: organiser })).body.rows
  assert.deepEqual(board.map((r) => r.row_id), [0, 2, 1, 3].map((i) => rowOf.get(entries[i].id)))

  // Venue 1 lost 240 s to a power cut: its recorded 600 s counts as 360 s → 20 × 540/600 = 18.
  assert.equal((await app.request('PUT', `/api/v1/events/${event.id}/time-allowances`, { token: judge, body: { venue_id: venues[1].id, component_id: speed.id, seconds: 240, reason: '停电' } })).status, 403)
  const noReason = await app.request('PUT', `/api/v1/events/${event.id}/time-allowances`, { token: chief, body: { venue_id: venues[1].id, component_id: speed.id, seconds: 240 } })
  assert.equal(noReason.status, 400)
  const notTimed = await app.request('PUT', `/api/v1/events/${event.id}/time-allowances`, { token: chief, body: { venue_id: venues[1].id, component_id: quality.id, seconds: 240, reason: '停电' } })
  assert.equal(notTimed.status, 400)
  const set = await app.request('PUT', `/api/v1/events/${event.id}/time-allowances`, { token: chief, body: { venue_id: venues[1].id, component_id: speed.id, seconds: 240, reason: '瑞安赛区停电4分钟' } })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  assert.deepEqual(set.body.items.map((a) => [a.venue_name, a.seconds]), [['瑞安赛区', 240]])
  s = await standings()
  assert.equal(s.get(entries[1].id).components[0].seconds, 360)
  assert.equal(s.get(entries[1].id).total, 98)
  assert.equal(s.get(entries[1].id).rank, 1)
  const audit = (await app.request('GET', '/api/v1/audit?limit=5', { token: admin })).body.items
  assert.ok(audit.some((a) => a.action === 'time_allowance.set'))

  // The board follows the allowance too (rebuilt on the event change).
  let top
  for (let i = 0; i < 40; ++i) {
    top = (await app.request('GET', `/api/v1/boards/e${event.id}/rows?limit=1`, { token: organiser })).body.rows[0]
    if (top.row_id === rowOf.get(entries[1].id)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(top.row_id, rowOf.get(entries[1].id))
  assert.equal(top.total, 98)

  // Removing it (0 s) restores the recorded times.
  await app.request('PUT', `/api/v1/events/${event.id}/time-allowances`, { token: chief, body: { venue_id: venues[1].id, component_id: speed.id, seconds: 0 } })
  s = await standings()
  assert.equal(s.get(entries[1].id).total, 90)
})

test('an event that standardises venues ranks a strict venue’s best ahead of a generous venue’s (scenario 08 over HTTP)', async () => {
  const ev = (await app.request('POST', `/api/v1/competitions/${comp.id}/events`, { token: organiser, body: {
    name: '钳工（标准化）', work_type_id: event.work_type_id, total_mode: 'weighted', tie_breaks: [], standardise_venues: true,
    venue_ids: venues.map((v) => v.id) } })).body
  assert.equal(ev.standardise_venues, true)
  const set = await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [
    { kind: 'practical', name: '实操任务', max_mark: 100, weight: 1, aspects: [{ name: '实操任务', kind: 'measurement', max_mark: 100, step: 0.5 }] }] } })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  const aspect = set.body.components[0].aspects[0]
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'registration' } })
  const fitters = (await app.request('GET', `/api/v1/workers?limit=6&work_type_id=${event.work_type_id}`, { token: admin })).body.items
  assert.equal(fitters.length, 6)
  const marks = [90, 80, 70, 78, 64, 52]  // three at each venue
  const ids = []
  for (const [i, w] of fitters.entries()) {
    const r = await app.request('POST', `/api/v1/events/${ev.id}/entries`, { token: organiser, body: { worker_id: w.id, venue_id: venues[i < 3 ? 0 : 1].id } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    ids.push(r.body.id)
  }
  assert.equal((await app.request('POST', `/api/v1/events/${ev.id}/judges`, { token: organiser, body: { user_id: judgeId } })).status, 201)
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'running' } })
  const r = await app.request('POST', '/api/v1/marks', { token: judge, body: { marks: ids.map((id, i) => ({ client_id: `std-${i}`, entry_id: id, aspect_id: aspect.id, value: marks[i] })) } })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const rows = (await app.request('GET', `/api/v1/events/${ev.id}/standings`, { token: organiser })).body.items
  const byId = new Map(rows.map((x) => [x.entry.id, x]))
  assert.deepEqual(ids.map((id) => byId.get(id).total), [622.47, 500, 377.53, 625.49, 493.73, 380.78])
  assert.deepEqual(ids.map((id) => byId.get(id).rank), [2, 3, 6, 1, 4, 5])
})
