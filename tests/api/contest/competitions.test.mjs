// A competition end to end over HTTP: set-up, scheme, registration, judges with conflict of interest,
// marks from judges (idempotent), standings with ties, the frozen scheme and the judge report.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pdfText, renderFirstPage } from '../lib/pdf.mjs'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
let viewer, admin, organiser, root, welding, event, comp, venue, workers, judges = {}, practical, theory

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  viewer = await app.login(app.demoAccounts.viewer.username, app.demoAccounts.viewer.password)
  root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  welding = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '焊工')
  workers = (await app.request('GET', `/api/v1/workers?work_type_id=${welding.id}&limit=4`, { token: admin })).body.items
  for (const name of ['j1', 'j2', 'j3', 'jc']) {
    const body = { username: 'judge.' + name, password: 'Judge-Pass-123', display_name: '裁判' + name, grants: [{ role: name === 'jc' ? 'chief_judge' : 'judge', org_id: root.id }] }
    if (name === 'j3') body.worker_id = undefined
    const u = await app.request('POST', '/api/v1/users', { token: admin, body })
    assert.equal(u.status, 201, JSON.stringify(u.body))
    judges[name] = { id: u.body.id, token: await app.login(body.username, body.password) }
  }
})
after(async () => { await app.stop(); app.cleanup() })

test('an organiser sets up a competition, a venue and an event; a viewer cannot', async () => {
  const viewer = await app.login(app.demoAccounts.viewer.username, app.demoAccounts.viewer.password)
  const body = { name: '2026年温州市职工技能大赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' }
  assert.equal((await app.request('POST', '/api/v1/competitions', { token: viewer, body })).status, 403)
  const bad = await app.request('POST', '/api/v1/competitions', { token: organiser, body: { ...body, ends_on: '2026-11-01' } })
  assert.equal(bad.body.error.field, 'ends_on')
  const r = await app.request('POST', '/api/v1/competitions', { token: organiser, body })
  assert.equal(r.status, 201)
  comp = r.body
  assert.equal(comp.status, 'draft')
  venue = (await app.request('POST', `/api/v1/competitions/${comp.id}/venues`, { token: organiser, body: { name: '鹿城赛区', city: '温州' } })).body
  const ev = await app.request('POST', `/api/v1/competitions/${comp.id}/events`, { token: organiser, body: { name: '焊工', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venue.id] } })
  assert.equal(ev.status, 201)
  event = ev.body
})

test('the marking scheme is validated: aspect maxima must add up', async () => {
  const scheme = {
    components: [
      { kind: 'theory', name: '理论知识', max_mark: 100, weight: 0.3 },
      { kind: 'practical', name: '实操：板对接焊', max_mark: 100, weight: 0.7, aspects: [
        { criterion: '焊缝尺寸', name: '焊缝宽度偏差', kind: 'measurement', max_mark: 40, step: 0.5 },
        { criterion: '外观', name: '焊缝成形美观', kind: 'judgement', max_mark: 30 },
        { criterion: '安全文明', name: '安全文明生产', kind: 'judgement', max_mark: 20 },
        { criterion: '安全文明', name: '违规操作', kind: 'deduction', max_mark: 5 },
      ] },
    ],
  }
  const bad = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: scheme })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.code, 'invalid_scheme')
  scheme.components[1].aspects[2].max_mark = 30
  const ok = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: scheme })
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  event = ok.body
  theory = event.components[0]
  practical = event.components[1]
  assert.equal(theory.aspects.length, 1)
  assert.equal(practical.aspects.length, 4)
})

test('registration checks eligibility and gives bibs and anonymous codes', async () => {
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'registration' } })
  for (const w of workers.slice(0, 3)) {
    const r = await app.request('POST', `/api/v1/events/${event.id}/entries`, { token: organiser, body: { worker_id: w.id, venue_id: venue.id } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    assert.match(r.body.bib, /^\d{3}$/)
    assert.match(r.body.entry_code, /^[A-Z2-9]{6}$/)
  }
  const again = await app.request('POST', `/api/v1/events/${event.id}/entries`, { token: organiser, body: { worker_id: workers[0].id, venue_id: venue.id } })
  assert.equal(again.status, 409)
  const other = (await app.request('GET', '/api/v1/workers?limit=200', { token: admin })).body.items.find((w) => !w.work_types.some((t) => t.id === welding.id))
  const wrongTrade = await app.request('POST', `/api/v1/events/${event.id}/entries`, { token: organiser, body: { worker_id: other.id } })
  assert.equal(wrongTrade.status, 422)
  assert.equal(wrongTrade.body.error.code, 'not_eligible')
})

test('a judge from an entrant\'s own enterprise is blocked unless the chief judge overrides with a reason', async () => {
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: organiser })).body.items
  // judge.j3 becomes an employee of the first entrant's enterprise: link the account to a colleague.
  const colleague = (await app.request('GET', `/api/v1/workers?org_id=${entries[0].org_id}&limit=50`, { token: admin })).body.items.find((w) => w.id !== entries[0].worker_id)
  const linked = await app.request('POST', '/api/v1/users', { token: admin, body: { username: 'judge.home', password: 'Judge-Pass-123', worker_id: colleague.id, grants: [{ role: 'judge', org_id: root.id }] } })
  assert.equal(linked.status, 201)
  const blocked = await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: linked.body.id, venue_id: venue.id } })
  assert.equal(blocked.status, 409)
  assert.equal(blocked.body.error.code, 'conflict_of_interest')
  const byOrganiser = await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: linked.body.id, override_reason: '本地唯一高级考评员' } })
  assert.equal(byOrganiser.status, 403)
  const byChief = await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: admin, body: { user_id: linked.body.id, venue_id: venue.id, override_reason: '本地唯一高级考评员' } })
  assert.equal(byChief.status, 201)
  const audit = await app.request('GET', '/api/v1/audit?limit=1', { token: admin })
  assert.equal(audit.body.items[0].action, 'judge.assign_override')
  for (const name of ['j1', 'j2', 'j3']) {
    const r = await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: judges[name].id, venue_id: venue.id } })
    assert.equal(r.status, 201)
  }
  assert.equal((await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: judges.jc.id, chief: true } })).status, 201)
})

test('judges mark by anonymous code; marks are validated, idempotent and only while running', async () => {
  const tasks = (await app.request('GET', '/api/v1/judging/tasks', { token: judges.j1.token })).body.items
  assert.equal(tasks.length, 1)
  const task = tasks[0]
  assert.equal(task.entries.length, 3)
  assert.ok(task.entries.every((e) => !('worker_name' in e)), 'judges see codes, not names')
  const [m, look, safety] = practical.aspects
  const e = task.entries.map((x) => x.entry_id)
  const early = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'early', entry_id: e[0], aspect_id: look.id, value: 2 } })
  assert.equal(early.status, 409)
  assert.equal(early.body.error.code, 'not_running')
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'running' } })
  const outOfRange = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'x1', entry_id: e[0], aspect_id: look.id, value: 4 } })
  assert.equal(outOfRange.status, 400)
  const offStep = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'x2', entry_id: e[0], aspect_id: m.id, value: 30.3 } })
  assert.equal(offStep.status, 400)
  // Panel marks: entries 0 and 1 end equal on total; entry 0 has the better practical score.
  const plan = {
    j1: [[e[0], m.id, 36], [e[0], look.id, 3], [e[0], safety.id, 3], [e[0], theory.aspects[0].id, 80],
         [e[1], m.id, 38], [e[1], look.id, 2], [e[1], safety.id, 3], [e[1], theory.aspects[0].id, 88],
         [e[2], m.id, 30], [e[2], look.id, 1], [e[2], safety.id, 2], [e[2], theory.aspects[0].id, 70]],
    j2: [[e[0], look.id, 3], [e[0], safety.id, 3], [e[1], look.id, 2], [e[1], safety.id, 3], [e[2], look.id, 1], [e[2], safety.id, 2]],
    j3: [[e[0], look.id, 3], [e[0], safety.id, 3], [e[1], look.id, 2], [e[1], safety.id, 3], [e[2], look.id, 3], [e[2], safety.id, 2]],
  }
  for (const [judge, marks] of Object.entries(plan)) {
    const body = { marks: marks.map(([entry_id, aspect_id, value], i) => ({ client_id: `${judge}-${i}`, entry_id, aspect_id, value })) }
    const r = await app.request('POST', '/api/v1/marks', { token: judges[judge].token, body })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    // The same batch again (a phone that lost the answer) records nothing new.
    const again = await app.request('POST', '/api/v1/marks', { token: judges[judge].token, body })
    assert.equal(again.status, 200)
    assert.ok(again.body.items.every((x) => x.replayed))
  }
  const reused = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'j1-0', entry_id: e[0], aspect_id: m.id, value: 20 } })
  assert.equal(reused.status, 409)
  const frozen = await app.request('PUT', `/api/v1/events/${event.id}/scheme`, { token: organiser, body: { components: [{ kind: 'theory', name: '理论', max_mark: 100 }] } })
  assert.equal(frozen.status, 409)
  assert.equal(frozen.body.error.code, 'scheme_frozen')
})

test('standings: panel aggregation, flags, raw sum and the practical tie-break', async () => {
  const s = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  const [first, second, third] = s.items
  // Entry 0: 36 + 30 + 30 = 96 practical, 80 theory → 176. Entry 1: 38 + 20 + 30 = 88, 88 theory → 176.
  assert.equal(first.total, 176)
  assert.equal(second.total, 176)
  assert.equal(first.rank, 1)
  assert.equal(second.rank, 2, 'tie broken by the higher practical score')
  // Entry 2: look marks 1,1,3 disagree by 2 → flagged for the chief judge.
  assert.equal(third.flagged, true)
  assert.equal(third.rank, 3)
  assert.ok(s.last_seq > 0)
})

test('the judge report shows each judge\'s deviation; only the chief judge reads it', async () => {
  assert.equal((await app.request('GET', `/api/v1/events/${event.id}/judge-report`, { token: judges.j1.token })).status, 403)
  const r = await app.request('GET', `/api/v1/events/${event.id}/judge-report`, { token: judges.jc.token })
  assert.equal(r.status, 200)
  const j3 = r.body.items.find((j) => j.judge_id === judges.j3.id)
  assert.ok(j3.mean_deviation > 0, 'j3 was generous on entry 2')
  assert.ok(j3.entries.some((e) => e.review))
})

test('a judge cannot mark an event they are not assigned to', async () => {
  const other = await app.request('POST', `/api/v1/competitions/${comp.id}/events`, { token: organiser, body: { name: '电工', work_type_id: (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '电工').id } })
  await app.request('PUT', `/api/v1/events/${other.body.id}/scheme`, { token: organiser, body: { components: [{ kind: 'theory', name: '理论', max_mark: 100 }] } })
  const ev = (await app.request('GET', `/api/v1/events/${other.body.id}`, { token: organiser })).body
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: organiser })).body.items
  const r = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'not-mine', entry_id: entries[0].id, aspect_id: ev.components[0].aspects[0].id, value: 50 } })
  assert.equal(r.status, 400, 'the aspect is not the entry event\'s')
})

test('sign-off: flags block the lock until the chief judge resolves them; a locked event takes no marks', async () => {
  const refused = await app.request('POST', `/api/v1/events/${event.id}/lock`, { token: judges.jc.token })
  assert.equal(refused.status, 409)
  assert.equal(refused.body.error.code, 'not_ready')
  const s = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  const flaggedEntry = s.items.find((r) => r.flagged)
  const flaggedAspect = flaggedEntry.aspects.find((a) => a.flagged)
  assert.equal((await app.request('POST', `/api/v1/events/${event.id}/flags/resolve`, { token: judges.j1.token, body: { entry_id: flaggedEntry.entry.id, aspect_id: flaggedAspect.aspect_id, note: '复核录像，维持原评分' } })).status, 403)
  const resolved = await app.request('POST', `/api/v1/events/${event.id}/flags/resolve`, { token: judges.jc.token, body: { entry_id: flaggedEntry.entry.id, aspect_id: flaggedAspect.aspect_id, note: '复核录像，维持原评分' } })
  assert.equal(resolved.status, 204)
  const locked = await app.request('POST', `/api/v1/events/${event.id}/lock`, { token: judges.jc.token })
  assert.equal(locked.status, 200, JSON.stringify(locked.body))
  assert.equal(locked.body.locked, true)
  const late = await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { client_id: 'late', entry_id: flaggedEntry.entry.id, aspect_id: flaggedAspect.aspect_id, value: 2 } })
  assert.equal(late.status, 409)
  assert.equal(late.body.error.code, 'event_locked')
})

test('awards come from declared tiers; publishing needs every event locked and proposes promotions', async () => {
  const bad = await app.request('PUT', `/api/v1/events/${event.id}/awards`, { token: organiser, body: { tiers: [{ name: '一等奖' }] } })
  assert.equal(bad.status, 400)
  const tiers = [
    { name: '一等奖', count: 1, honour: '温州市技术能手', promote_to: 'technician' },
    { name: '二等奖', count: 1 },
    { name: '三等奖', count: 1 },
  ]
  assert.equal((await app.request('PUT', `/api/v1/events/${event.id}/awards`, { token: organiser, body: { tiers } })).status, 200)
  const s = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  assert.deepEqual(s.items.map((r) => r.award), ['一等奖', '二等奖', '三等奖'])
  assert.equal(s.items[0].honour, '温州市技术能手')
  // The winner starts at 初级工 so that the first prize proposes a step up.
  const winner = s.items[0].entry.worker_id
  await app.request('POST', `/api/v1/workers/${winner}/levels`, { token: admin, body: { skill_level: 'junior', effective_date: new Date().toISOString().slice(0, 10), note: '测试' } })
  const xlsx = await fetch(app.base + `/api/v1/events/${event.id}/results.xlsx`, { headers: { authorization: `Bearer ${organiser}` } })
  assert.equal(xlsx.status, 200)
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK')
  await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'marking_closed' } })
  const early = await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'published' } })
  assert.equal(early.status, 409)
  assert.equal(early.body.error.code, 'not_locked')
  const other = (await app.request('GET', `/api/v1/competitions/${comp.id}`, { token: organiser })).body.events.find((e) => e.id !== event.id)
  assert.equal((await app.request('POST', `/api/v1/events/${other.id}/lock`, { token: admin })).status, 200)
  const published = await app.request('POST', `/api/v1/competitions/${comp.id}/status`, { token: organiser, body: { status: 'published' } })
  assert.equal(published.status, 200, JSON.stringify(published.body))
  const promotions = (await app.request('GET', `/api/v1/events/${event.id}/promotions`, { token: organiser })).body.items
  assert.equal(promotions.length, 1)
  assert.equal(promotions[0].to_level, 'technician')
  const confirmed = await app.request('POST', `/api/v1/promotions/${promotions[0].id}/confirm`, { token: organiser })
  assert.equal(confirmed.status, 200)
  assert.equal((await app.request('POST', `/api/v1/promotions/${promotions[0].id}/confirm`, { token: organiser })).status, 409)
  const w = (await app.request('GET', `/api/v1/workers/${winner}`, { token: admin })).body
  assert.equal(w.skill_level, 'technician')
  assert.match(w.level_history.at(-1).note, /一等奖/)
  // The winner's career timeline now says where they placed, with the total, each part and the award.
  const standings = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  const row = standings.items.find((r) => r.worker_id === winner || r.entry?.worker_id === winner)
  const item = (await app.request('GET', `/api/v1/workers/${winner}/timeline`, { token: admin })).body.items.find((i) => i.kind === 'competition' && i.context === `event:${event.id}`)
  assert.ok(row && item, JSON.stringify({ row, item }))
  assert.ok(item.detail.startsWith(`第${row.rank}名 / 共${standings.items.length}名，总分 ${row.total.toFixed(2)}`), item.detail)
  assert.match(item.detail, /一等奖$/)
  assert.equal(app.cli(['verify-audit']).status, 0)
})

test('certificates: issued at publication, a PDF with a QR code, and a public check that shows only a masked name', async () => {
  const list = (await app.request('GET', `/api/v1/events/${event.id}/certificates`, { token: organiser })).body.items
  assert.equal(list.length, 3)
  const first = list.find((c) => c.award === '一等奖')
  assert.match(first.code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  const pdf = await fetch(app.base + `/api/v1/certificates/${first.id}/pdf`, { headers: { authorization: `Bearer ${organiser}` } })
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  const bytes = Buffer.from(await pdf.arrayBuffer())
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  // As printed: the holder, event, award and verification code in the text, and a page that is drawn.
  const text = pdfText(bytes)
  for (const part of [first.holder, '“焊工”项目中', '一等奖', '温州市技术能手', first.code]) assert.ok(text.includes(part), `"${part}" in: ${text}`)
  assert.ok(!text.includes('队员'), 'an individual certificate names no team')
  assert.ok(renderFirstPage(bytes).inkedShare > 0.02)
  if (process.env.SKB_ARTIFACTS) writeFileSync(join(process.env.SKB_ARTIFACTS, 'certificate.pdf'), bytes)
  const pub = await app.request('GET', `/api/v1/public/certificates/${first.code}`)
  assert.equal(pub.status, 200)
  assert.equal(pub.body.valid, true)
  assert.equal(pub.body.award, '一等奖')
  assert.ok(pub.body.holder.includes('*'))
  assert.notEqual(pub.body.holder, first.holder)
  assert.deepEqual(Object.keys(pub.body).sort(), ['award', 'competition', 'event', 'holder', 'honour', 'issued_on', 'issuer', 'team_name', 'valid'])
  const page = await app.request('GET', `/verify/${first.code}`)
  assert.match(page.headers.get('content-type'), /text\/html/)
  assert.match(page.text, /证书有效/)
  const fake = await app.request('GET', '/api/v1/public/certificates/AAAA-BBBB-CCCC')
  assert.equal(fake.body.valid, false)
  assert.match((await app.request('GET', '/verify/<script>')).text, /未找到有效证书/)
})

test('a published result changes only by a correction confirmed by the chief judge and an organiser with their passwords', async () => {
  const before = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  const third = before.items[2]
  const look = practical.aspects[1]
  const body = { entry_id: third.entry.id, aspect_id: look.id, judge_user_id: judges.j3.id, value: 1, reason: '录像复核：3号裁判误录' }
  assert.equal((await app.request('POST', `/api/v1/events/${event.id}/corrections`, { token: judges.j1.token, body })).status, 403)
  const req = await app.request('POST', `/api/v1/events/${event.id}/corrections`, { token: judges.jc.token, body })
  assert.equal(req.status, 201, JSON.stringify(req.body))
  assert.equal(req.body.old_value, 3)
  const id = req.body.id
  const wrong = await app.request('POST', `/api/v1/corrections/${id}/confirm`, { token: judges.jc.token, body: { password: 'not-my-password' } })
  assert.equal(wrong.status, 400)
  assert.equal(wrong.body.error.code, 'wrong_password')
  let r = await app.request('POST', `/api/v1/corrections/${id}/confirm`, { token: judges.jc.token, body: { password: 'Judge-Pass-123' } })
  assert.equal(r.status, 200)
  assert.equal(r.body.status, 'pending', 'one confirmation is not enough')
  assert.equal((await app.request('POST', `/api/v1/corrections/${id}/confirm`, { token: judges.jc.token, body: { password: 'Judge-Pass-123' } })).status, 409)
  r = await app.request('POST', `/api/v1/corrections/${id}/confirm`, { token: organiser, body: { password: app.demoAccounts.organiser.password } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.status, 'applied')
  assert.ok(r.body.new_total < r.body.old_total)
  const history = (await app.request('GET', `/api/v1/events/${event.id}/corrections`, { token: organiser })).body.items
  assert.equal(history.length, 1)
  assert.equal(history[0].reason, '录像复核：3号裁判误录')
  const after = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body
  assert.equal(after.items.find((x) => x.entry.id === third.entry.id).total, r.body.new_total)
  assert.equal(app.cli(['verify-audit']).status, 0)
})

test('the workstation draw is reproducible from its recorded seed; entrants can withdraw', async () => {
  const c = (await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '抽签测试赛', level: 'enterprise', organiser_org_id: root.id, starts_on: '2026-12-01', ends_on: '2026-12-02' } })).body
  const v = (await app.request('POST', `/api/v1/competitions/${c.id}/venues`, { token: organiser, body: { name: '一号赛场' } })).body
  const ev = (await app.request('POST', `/api/v1/competitions/${c.id}/events`, { token: organiser, body: { name: '焊工', work_type_id: welding.id, venue_ids: [v.id] } })).body
  for (const w of workers) await app.request('POST', `/api/v1/events/${ev.id}/entries`, { token: organiser, body: { worker_id: w.id, venue_id: v.id } })
  const a = await app.request('POST', `/api/v1/events/${ev.id}/draw`, { token: organiser, body: { seed: 'wz-2026' } })
  assert.equal(a.status, 200)
  const b = await app.request('POST', `/api/v1/events/${ev.id}/draw`, { token: organiser, body: { seed: 'wz-2026' } })
  const stations = (r) => r.body.items.map((e) => `${e.bib}:${e.workstation}`).join(' ')
  assert.equal(stations(a), stations(b))
  assert.deepEqual(a.body.items.map((e) => e.workstation).sort(), workers.map((_, i) => `A${String(i + 1).padStart(2, '0')}`))
  const random = await app.request('POST', `/api/v1/events/${ev.id}/draw`, { token: organiser, body: {} })
  assert.match(random.body.seed, /^[0-9a-f]{16}$/)
  const out = await app.request('POST', `/api/v1/events/${ev.id}/entries/${a.body.items[0].id}/withdraw`, { token: organiser, body: { reason: '因病退赛' } })
  assert.equal(out.status, 200)
  assert.equal(out.body.status, 'withdrawn')
  const audit = (await app.request('GET', '/api/v1/audit?limit=10', { token: admin })).body.items
  assert.ok(audit.some((e) => e.action === 'event.draw' && e.detail.seed === random.body.seed))
})

test('organisers find judges without the admin-only user list, and print entry QR codes for check-in', async () => {
  const candidates = await app.request('GET', `/api/v1/competitions/${comp.id}/judge-candidates`, { token: organiser })
  assert.equal(candidates.status, 200)
  const names = candidates.body.items.map((j) => j.username)
  for (const u of ['judge.j1', 'judge.j2', 'judge.j3', 'judge.jc', 'judge.home']) assert.ok(names.includes(u), u)
  assert.equal(candidates.body.items.find((j) => j.username === 'judge.jc').chief, true)
  assert.ok(candidates.body.items.find((j) => j.username === 'judge.home').home_org_name, 'the home enterprise shows conflicts early')
  const viewer = await app.login(app.demoAccounts.viewer.username, app.demoAccounts.viewer.password)
  assert.equal((await app.request('GET', `/api/v1/competitions/${comp.id}/judge-candidates`, { token: viewer })).status, 403)
  const entry = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: organiser })).body.items[0]
  const svg = await app.request('GET', `/api/v1/events/${event.id}/entries/${entry.id}/qr.svg`, { token: organiser })
  assert.equal(svg.status, 200)
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml')
  assert.match(svg.text, /^<svg [^>]*viewBox="0 0 \d+ \d+"/)
})

test('stages: the top entrants of a locked preliminary advance into the final', async () => {
  // Its own competition: stages advance while it runs, never after publication.
  const c2 = (await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '焊工预赛与决赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' } })).body
  const v2 = (await app.request('POST', `/api/v1/competitions/${c2.id}/venues`, { token: organiser, body: { name: '鹿城赛区' } })).body
  const stage = async (name) => {
    const ev = (await app.request('POST', `/api/v1/competitions/${c2.id}/events`, { token: organiser, body: { name, work_type_id: welding.id, venue_ids: [v2.id] } })).body
    return (await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: { components: [{ kind: 'practical', name: '实操', max_mark: 100, aspects: [{ name: '焊缝尺寸', kind: 'measurement', max_mark: 100, step: 1 }] }] } })).body
  }
  const prelim = await stage('焊工（预赛）')
  const final = await stage('焊工（决赛）')
  const entries = []
  for (const w of workers.slice(0, 3)) entries.push((await app.request('POST', `/api/v1/events/${prelim.id}/entries`, { token: organiser, body: { worker_id: w.id, venue_id: v2.id } })).body)
  await app.request('POST', `/api/v1/events/${prelim.id}/judges`, { token: organiser, body: { user_id: judges.j1.id } })
  await app.request('POST', `/api/v1/competitions/${c2.id}/status`, { token: organiser, body: { status: 'registration' } })
  await app.request('POST', `/api/v1/competitions/${c2.id}/status`, { token: organiser, body: { status: 'running' } })
  const aspect = prelim.components[0].aspects[0]
  const marks = entries.map((e, i) => ({ client_id: `stage-${e.id}`, entry_id: e.id, aspect_id: aspect.id, value: [70, 90, 80][i] }))
  assert.equal((await app.request('POST', '/api/v1/marks', { token: judges.j1.token, body: { marks } })).status, 201)
  const early = await app.request('POST', `/api/v1/events/${prelim.id}/advance`, { token: organiser, body: { to_event_id: final.id, top_n: 2 } })
  assert.equal(early.status, 409, 'lock the stage first')
  assert.equal((await app.request('POST', `/api/v1/events/${prelim.id}/lock`, { token: admin })).status, 200)

  const bad = await app.request('POST', `/api/v1/events/${prelim.id}/advance`, { token: organiser, body: { to_event_id: final.id, top_n: 2, top_percent: 50 } })
  assert.equal(bad.status, 400)
  assert.equal((await app.request('POST', `/api/v1/events/${prelim.id}/advance`, { token: viewer, body: { to_event_id: final.id, top_n: 2 } })).status, 403)
  const r = await app.request('POST', `/api/v1/events/${prelim.id}/advance`, { token: organiser, body: { to_event_id: final.id, top_n: 2 } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.deepEqual(r.body.items.map((e) => e.worker_id).sort(), [workers[1].id, workers[2].id].sort(), '90 and 80 go through')
  // Advancing again registers nobody twice.
  const again = await app.request('POST', `/api/v1/events/${prelim.id}/advance`, { token: organiser, body: { to_event_id: final.id, top_percent: 100, per_venue: true } })
  assert.equal(again.body.items.length, 1)
  const unlocked = await app.request('POST', `/api/v1/events/${final.id}/advance`, { token: organiser, body: { to_event_id: prelim.id, top_n: 1 } })
  assert.equal(unlocked.status, 409)
  // Marking has started in the preliminary: too late for its draw (tests/e2e/stages.test.mjs draws a final while the competition runs).
  const late = await app.request('POST', `/api/v1/events/${prelim.id}/draw`, { token: organiser, body: {} })
  assert.equal(late.status, 409)
  assert.equal(late.body.error.code, 'too_late')
})

test('aspect panels: a judge assigned to some aspects marks those and no others', async () => {
  const c3 = (await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '焊工（细项裁判组）', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' } })).body
  const ev = (await app.request('POST', `/api/v1/competitions/${c3.id}/events`, { token: organiser, body: { name: '焊工', work_type_id: welding.id } })).body
  const scheme = { components: [{ kind: 'practical', name: '实操', max_mark: 100, aspects: [
    { criterion: '外观', name: '焊缝成形', kind: 'judgement', max_mark: 30 },
    { criterion: '安全', name: '安全文明', kind: 'judgement', max_mark: 30 },
    { criterion: '尺寸', name: '焊缝宽度', kind: 'measurement', max_mark: 40, step: 0.5 },
  ] }] }
  const withScheme = (await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: scheme })).body
  const [look, safety] = withScheme.components[0].aspects
  const entry = (await app.request('POST', `/api/v1/events/${ev.id}/entries`, { token: organiser, body: { worker_id: workers[0].id } })).body
  const foreign = await app.request('POST', `/api/v1/events/${ev.id}/judges`, { token: organiser, body: { user_id: judges.j2.id, aspect_ids: [theory.aspects[0].id] } })
  assert.deepEqual([foreign.status, foreign.body.error.field], [400, 'aspect_ids'])
  const assigned = await app.request('POST', `/api/v1/events/${ev.id}/judges`, { token: organiser, body: { user_id: judges.j2.id, aspect_ids: [look.id] } })
  assert.equal(assigned.status, 201, JSON.stringify(assigned.body))
  assert.deepEqual(assigned.body.aspect_ids, [look.id])
  const listed = (await app.request('GET', `/api/v1/events/${ev.id}/judges`, { token: organiser })).body.items
  assert.deepEqual(listed.map((j) => j.aspect_ids), [[look.id]])
  await app.request('POST', `/api/v1/competitions/${c3.id}/status`, { token: organiser, body: { status: 'registration' } })
  await app.request('POST', `/api/v1/competitions/${c3.id}/status`, { token: organiser, body: { status: 'running' } })
  const task = (await app.request('GET', '/api/v1/judging/tasks', { token: judges.j2.token })).body.items.find((t) => t.event.id === ev.id)
  assert.deepEqual(task.aspect_ids, [look.id])
  const mark = (aspect, id) => app.request('POST', '/api/v1/marks', { token: judges.j2.token, body: { client_id: id, entry_id: entry.id, aspect_id: aspect.id, value: 2 } })
  assert.equal((await mark(look, 'panel-1')).status, 201)
  assert.equal((await mark(safety, 'panel-2')).status, 403, 'not on the safety panel')
  // The panel's aspect stays while judges are assigned to it.
  const other = await app.request('POST', '/api/v1/competitions', { token: organiser, body: { name: '焊工（细项裁判组·改）', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' } })
  const ev2 = (await app.request('POST', `/api/v1/competitions/${other.body.id}/events`, { token: organiser, body: { name: '焊工', work_type_id: welding.id } })).body
  const s2 = (await app.request('PUT', `/api/v1/events/${ev2.id}/scheme`, { token: organiser, body: scheme })).body
  await app.request('POST', `/api/v1/events/${ev2.id}/judges`, { token: organiser, body: { user_id: judges.j3.id, aspect_ids: [s2.components[0].aspects[0].id] } })
  const dropped = s2.components.map((c) => ({ id: c.id, kind: c.kind, name: c.name, max_mark: c.max_mark,
    aspects: [{ name: '外观与安全', kind: 'judgement', max_mark: 60 }, { id: c.aspects[2].id, name: c.aspects[2].name, kind: 'measurement', max_mark: 40, step: 0.5 }] }))
  const refused = await app.request('PUT', `/api/v1/events/${ev2.id}/scheme`, { token: organiser, body: { components: dropped } })
  assert.deepEqual([refused.status, refused.body.error.code], [409, 'aspect_in_use'])
})
