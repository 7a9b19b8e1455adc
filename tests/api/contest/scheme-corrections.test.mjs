// Correcting a frozen marking scheme (评分标准更正) over HTTP: only the chief judge, with a reason and a
// re-entered password, only while marking runs; never in a way that changes what a recorded mark means;
// kept with what it changed, audited, and followed by the standings and the judges' marking.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
const CHIEF_PASSWORD = 'Chief-Pass-123'
let admin, organiser, chief, judges = [], event, comp, entry

const post = (path, token, body) => app.request('POST', path, { token, body })
const correct = (body, token = chief.token) => post(`/api/v1/events/${event.id}/scheme/corrections`, token, { password: CHIEF_PASSWORD, reason: '现场发现满分设置错误', ...body })

// The event's scheme as a client edits it: every part with its id.
function schemeOf(ev) {
  return ev.components.map((c) => ({ id: c.id, kind: c.kind, name: c.name, max_mark: c.max_mark, weight: c.weight,
    aspects: c.aspects.map((a) => ({ id: a.id, criterion: a.criterion, name: a.name, kind: a.kind, max_mark: a.max_mark, step: a.step })) }))
}

async function mark(judge, aspect, value, id) {
  const r = await post('/api/v1/marks', judge.token, { client_id: id, entry_id: entry.id, aspect_id: aspect.id, value })
  assert.equal(r.status, 201, JSON.stringify(r.body))
}

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  const root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  const welding = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '焊工')
  const worker = (await app.request('GET', `/api/v1/workers?work_type_id=${welding.id}&limit=1`, { token: admin })).body.items[0]
  for (const [name, role, password] of [['sc.j1', 'judge'], ['sc.j2', 'judge'], ['sc.j3', 'judge'], ['sc.chief', 'chief_judge', CHIEF_PASSWORD]]) {
    const body = { username: name, password: password || 'Judge-Pass-123', display_name: name, grants: [{ role, org_id: root.id }] }
    const u = await post('/api/v1/users', admin, body)
    assert.equal(u.status, 201, JSON.stringify(u.body))
    const account = { id: u.body.id, token: await app.login(body.username, body.password) }
    if (role === 'judge') judges.push(account)
    else chief = account
  }
  comp = (await post('/api/v1/competitions', organiser, { name: '评分标准更正测试赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' })).body
  const ev = (await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工', work_type_id: welding.id })).body
  event = (await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [
    { kind: 'theory', name: '理论知识', max_mark: 100 },
    { kind: 'practical', name: '实操：板对接焊', max_mark: 100, aspects: [
      { criterion: '焊缝尺寸', name: '焊缝宽度偏差', kind: 'measurement', max_mark: 40, step: 0.5 },
      { criterion: '外观', name: '焊缝成形', kind: 'judgement', max_mark: 30 },
      { criterion: '安全文明', name: '安全文明生产', kind: 'judgement', max_mark: 30 },
    ] },
  ] } })).body
  entry = (await post(`/api/v1/events/${event.id}/entries`, organiser, { worker_id: worker.id })).body
  for (const j of judges) assert.equal((await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: j.id })).status, 201)
  assert.equal((await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: chief.id, chief: true })).status, 201)
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'registration' })
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'running' })
})
after(async () => { await app.stop(); app.cleanup() })

test('before the first mark the scheme is edited, not corrected', async () => {
  const r = await correct({ components: schemeOf(event) })
  assert.equal(r.status, 409)
  assert.equal(r.body.error.code, 'not_frozen')
})

test('after the first mark only the chief judge corrects, with a reason and the password, and never against a mark', async () => {
  const [theory, practical] = event.components
  const [width] = practical.aspects
  await mark(judges[0], width, 30, 'w-1')
  await mark(judges[0], theory.aspects[0], 82, 't-1')
  const put = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: { components: schemeOf(event) } })
  assert.equal(put.body.error.code, 'scheme_frozen')

  assert.equal((await correct({ components: schemeOf(event) }, organiser)).status, 403, 'the organiser is not the chief judge')
  assert.equal((await correct({ components: schemeOf(event) }, judges[0].token)).status, 403)
  const noReason = await correct({ components: schemeOf(event), reason: ' ' })
  assert.equal(noReason.body.error.field, 'reason')
  const wrongPassword = await correct({ components: schemeOf(event), password: 'nope' })
  assert.deepEqual([wrongPassword.status, wrongPassword.body.error.code], [400, 'wrong_password'])
  const unchanged = await correct({ components: schemeOf(event) })
  assert.equal(unchanged.body.error.code, 'no_change')

  const removed = schemeOf(event)
  removed[1].aspects.shift()
  removed[1].aspects.push({ name: '焊缝尺寸（合并）', kind: 'measurement', max_mark: 40, step: 0.5 })
  const r1 = await correct({ components: removed })
  assert.deepEqual([r1.status, r1.body.error.code], [409, 'marked_aspect_removed'])
  const kind = schemeOf(event)
  kind[1].aspects[0].kind = 'deduction'
  kind[1].aspects[0].max_mark = 5
  kind[1].aspects.push({ name: '补足', kind: 'measurement', max_mark: 40, step: 0.5 })  // deductions count outside the maximum
  assert.equal((await correct({ components: kind })).body.error.code, 'marked_aspect_kind')
  const below = schemeOf(event)
  below[1].aspects[0].max_mark = 25  // the recorded 30 would no longer fit
  below[1].aspects.push({ name: '坡口角度', kind: 'measurement', max_mark: 15, step: 0.5 })
  const r2 = await correct({ components: below })
  assert.deepEqual([r2.status, r2.body.error.code], [409, 'marks_out_of_range'])
  const offStep = schemeOf(event)
  offStep[1].aspects[0].step = 4  // 30 is not a multiple of 4
  assert.equal((await correct({ components: offStep })).body.error.code, 'marks_off_step')
  const unbalanced = schemeOf(event)
  unbalanced[1].aspects[0].max_mark = 35
  assert.equal((await correct({ components: unbalanced })).body.error.code, 'invalid_scheme', 'the corrected scheme is validated like any other')
  const stranger = schemeOf(event)
  stranger[1].aspects[0].id = theory.aspects[0].id
  assert.equal((await correct({ components: stranger })).status, 400, 'an aspect cannot move between components')
  const twice = schemeOf(event)
  twice.push({ ...twice[1], aspects: twice[1].aspects.map((a) => ({ ...a, id: undefined })) })
  const doubled = await correct({ components: twice })
  assert.equal(doubled.status, 400)
  assert.equal(doubled.body.error.field, 'components[2].id', 'a component listed twice')

  // A locked aspect's scoring is final: the correction of its maximum is refused until it is unlocked.
  const safety = practical.aspects[2]
  assert.equal((await post(`/api/v1/events/${event.id}/aspects/${safety.id}/lock`, chief.token, {})).status, 204)
  const locked = schemeOf(event)
  locked[1].aspects[2].max_mark = 25
  locked[1].aspects[1].max_mark = 35
  assert.deepEqual([(await correct({ components: locked })).body.error.code], ['aspect_locked'])
  assert.equal((await post(`/api/v1/events/${event.id}/aspects/${safety.id}/unlock`, chief.token, {})).status, 204)
})

test('a valid correction keeps marked aspects and their marks, is listed with what changed, audited, and marking goes on', async () => {
  const [, practical] = event.components
  const [width, look] = practical.aspects
  const fixed = schemeOf(event)
  fixed[1].aspects[0].max_mark = 35
  fixed[1].aspects[1].name = '焊缝成形与表面质量'
  fixed[1].aspects.push({ criterion: '焊缝尺寸', name: '坡口角度', kind: 'measurement', max_mark: 5, step: 0.5 })
  const r = await correct({ components: fixed })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const corrected = r.body.event
  const newPractical = corrected.components[1]
  assert.equal(newPractical.aspects[0].id, width.id, 'the marked aspect keeps its id')
  assert.equal(newPractical.aspects[0].max_mark, 35)
  assert.equal(newPractical.aspects[1].id, look.id)
  assert.equal(newPractical.aspects[1].name, '焊缝成形与表面质量')
  assert.equal(newPractical.aspects.length, 4)
  const changes = r.body.correction.changes
  assert.ok(changes.some((c) => c.what.includes('焊缝宽度偏差') && c.what.includes('满分') && c.from === '40' && c.to === '35'), JSON.stringify(changes))
  assert.ok(changes.some((c) => c.what.includes('新增评分细项') && c.what.includes('坡口角度')))
  assert.ok(changes.some((c) => c.from === '焊缝成形' && c.to === '焊缝成形与表面质量'))

  const history = (await app.request('GET', `/api/v1/events/${event.id}/scheme/corrections`, { token: organiser })).body.items
  assert.equal(history.length, 1)
  assert.deepEqual([history[0].reason, history[0].corrected_by], ['现场发现满分设置错误', 'sc.chief'])
  const audit = (await app.request('GET', '/api/v1/audit?limit=5', { token: admin })).body.items
  assert.ok(audit.some((a) => a.action === 'event.scheme_correction'))
  assert.equal(app.cli(['verify-audit']).status, 0)

  // The recorded mark stands; the new aspect takes marks; the standings add them up under the new scheme.
  event = corrected
  const added = newPractical.aspects[3]
  await mark(judges[0], added, 4.5, 'a-1')
  for (const [i, j] of judges.entries()) {
    await mark(j, newPractical.aspects[1], 2, `l-${i}`)
    await mark(j, newPractical.aspects[2], 3, `s-${i}`)
  }
  const s = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body.items[0]
  // Practical: 30 + 2/3 × 30 + 30 + 4.5 = 84.5; theory 82.
  assert.equal(s.total, 166.5)
  assert.equal(s.complete, true)
})

test('after the lock the scheme is final', async () => {
  assert.equal((await post(`/api/v1/events/${event.id}/lock`, chief.token)).status, 200)
  const late = schemeOf(event)
  late[1].aspects[3].name = '坡口角度偏差'
  const r = await correct({ components: late })
  assert.deepEqual([r.status, r.body.error.code], [409, 'event_locked'])
})

test('before marking, a replaced scheme keeps the parts named by id and the judges assigned to them', async () => {
  const welding = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '焊工')
  const ev = (await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工（二）', work_type_id: welding.id })).body
  const first = (await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [
    { kind: 'theory', name: '理论知识', max_mark: 100 },
    { kind: 'practical', name: '实操', max_mark: 100, aspects: [{ name: '尺寸', kind: 'measurement', max_mark: 100, step: 1 }] },
  ] } })).body
  const task = first.components[1]
  assert.equal((await post(`/api/v1/events/${ev.id}/judges`, organiser, { user_id: judges[1].id, component_id: task.id })).status, 201)
  // Renaming the task and its aspect keeps both ids, so the judge stays on the task.
  const edited = schemeOf(first)
  edited[1].name = '实操：板对接焊'
  edited[1].aspects[0].name = '焊缝尺寸'
  const kept = await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: edited } })
  assert.equal(kept.status, 200, JSON.stringify(kept.body))
  assert.deepEqual([kept.body.components[1].id, kept.body.components[1].aspects[0].id], [task.id, task.aspects[0].id])
  // Leaving the assigned task out is refused with a reason, not a database error.
  const dropped = await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [edited[0]] } })
  assert.deepEqual([dropped.status, dropped.body.error.code], [409, 'component_in_use'])
  // An id of another event's part is simply a new part here; that event keeps its own.
  const foreign = [{ ...edited[0], id: event.components[0].id, aspects: [{ ...edited[0].aspects[0], id: event.components[0].aspects[0].id }] }, edited[1]]
  const mixed = await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: foreign } })
  assert.equal(mixed.status, 200, JSON.stringify(mixed.body))
  assert.notEqual(mixed.body.components[0].id, event.components[0].id)
  assert.equal(mixed.body.components[1].id, task.id)
  const other = (await app.request('GET', `/api/v1/events/${event.id}`, { token: organiser })).body
  assert.equal(other.components[0].id, event.components[0].id)
})
