// Team events (团体赛) over HTTP: registration of teams with every member's eligibility and the event's
// skill-level limits, conflict of interest through any member, blind standings, one certificate and one
// promotion proposal per member of a winning team, and advancement of teams — per venue, including the
// entrants registered without a venue.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { pdfText, renderFirstPage } from '../lib/pdf.mjs'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, root, welding, welders, judge, chief

const today = () => new Date().toISOString().slice(0, 10)
const post = (path, token, body) => app.request('POST', path, { token, body })

async function setLevel(workerId, level) {
  const r = await post(`/api/v1/workers/${workerId}/levels`, admin, { skill_level: level, effective_date: today(), note: '测试' })
  assert.equal(r.status, 200, JSON.stringify(r.body))
}

async function competition(name) {
  const comp = (await post('/api/v1/competitions', organiser, { name, level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' })).body
  const venues = []
  for (const v of ['鹿城赛区', '瑞安赛区']) venues.push((await post(`/api/v1/competitions/${comp.id}/venues`, organiser, { name: v, city: '温州' })).body)
  return { comp, venues }
}

async function teamEvent(comp, venues, name) {
  const ev = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name, work_type_id: welding.id, team_size: 3, venue_ids: venues.map((v) => v.id) })
  assert.equal(ev.status, 201, JSON.stringify(ev.body))
  const scheme = { components: [{ kind: 'practical', name: '团体实操', max_mark: 100, aspects: [{ name: '焊件质量', kind: 'measurement', max_mark: 100, step: 0.5 }] }] }
  const withScheme = await app.request('PUT', `/api/v1/events/${ev.body.id}/scheme`, { token: organiser, body: scheme })
  assert.equal(withScheme.status, 200, JSON.stringify(withScheme.body))
  return withScheme.body
}

// Marks each team's one aspect as judge, then the chief judge locks the event.
async function markAndLock(event, entries, values) {
  const aspect = event.components[0].aspects[0]
  const marks = entries.map((e, i) => ({ client_id: `${event.id}-${e.id}`, entry_id: e.id, aspect_id: aspect.id, value: values[i] }))
  const r = await post('/api/v1/marks', judge.token, { marks })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const locked = await post(`/api/v1/events/${event.id}/lock`, chief.token)
  assert.equal(locked.status, 200, JSON.stringify(locked.body))
}

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  welding = (await app.request('GET', '/api/v1/work-types', { token: admin })).body.items.find((w) => w.name === '焊工')
  welders = (await app.request('GET', `/api/v1/workers?work_type_id=${welding.id}&limit=100`, { token: admin })).body.items
  assert.ok(welders.length >= 16, 'the demo has enough welders for four teams and spares')
  for (const [name, role] of [['team.judge', 'judge'], ['team.chief', 'chief_judge']]) {
    const body = { username: name, password: 'Judge-Pass-123', display_name: name, grants: [{ role, org_id: root.id }] }
    const u = await post('/api/v1/users', admin, body)
    assert.equal(u.status, 201, JSON.stringify(u.body))
    const account = { id: u.body.id, token: await app.login(body.username, body.password) }
    if (role === 'judge') judge = account
    else chief = account
  }
})
after(async () => { await app.stop(); app.cleanup() })

// Three welders from at least two organisations, so the team's own organisation is above them all.
function mixedTeam(pool) {
  const first = pool[0]
  const other = pool.find((w) => w.org_id !== first.org_id)
  const third = pool.find((w) => w !== first && w !== other)
  return [first, other, third]
}

test('team registration: every member is checked, names and members are unique, the team represents its members\' common organisation', async () => {
  const { comp, venues } = await competition('2026年温州市焊工团体赛')
  const event = await teamEvent(comp, venues, '焊工团体')
  assert.equal(event.team_size, 3)
  const url = `/api/v1/events/${event.id}/entries`
  const team = mixedTeam(welders)
  const ids = team.map((w) => w.id)

  const short = await post(url, organiser, { team_name: '一队', member_ids: ids.slice(0, 2) })
  assert.equal(short.status, 400)
  assert.equal(short.body.error.field, 'member_ids')
  const single = await post(url, organiser, { worker_id: ids[0] })
  assert.equal(single.status, 400, 'a team event takes teams')
  const repeated = await post(url, organiser, { team_name: '一队', member_ids: [ids[0], ids[0], ids[1]] })
  assert.equal(repeated.body.error.field, 'member_ids')
  const unnamed = await post(url, organiser, { team_name: '  ', member_ids: ids })
  assert.equal(unnamed.body.error.field, 'team_name')
  const both = await post(url, organiser, { worker_id: ids[0], team_name: '一队', member_ids: ids })
  assert.equal(both.status, 400)
  const electrician = (await app.request('GET', '/api/v1/workers?limit=200', { token: admin })).body.items.find((w) => !w.work_types.some((t) => t.id === welding.id))
  const wrongTrade = await post(url, organiser, { team_name: '一队', member_ids: [ids[0], ids[1], electrician.id] })
  assert.equal(wrongTrade.status, 422)
  assert.equal(wrongTrade.body.error.code, 'not_eligible')
  assert.ok(wrongTrade.body.error.message.includes(electrician.name), 'the message names the member')
  // A worker outside an enterprise's own contest is refused without being named.
  const enterprise = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.id === team[0].org_id)
  const own = (await post('/api/v1/competitions', admin, { name: '企业焊工团体赛', level: 'enterprise', organiser_org_id: enterprise.id, starts_on: '2026-11-20', ends_on: '2026-11-30' })).body
  const ownEvent = (await post(`/api/v1/competitions/${own.id}/events`, admin, { name: '焊工团体', work_type_id: welding.id, team_size: 3 })).body
  const stranger = team[1]
  const probe = await post(`/api/v1/events/${ownEvent.id}/entries`, admin, { team_name: '一队', member_ids: [ids[0], stranger.id, ids[2]] })
  assert.equal(probe.status, 422)
  assert.ok(!probe.body.error.message.includes(stranger.name), 'no name from outside the scope')
  const outside = await post(url, organiser, { team_name: '一队', member_ids: ids, org_id: team[0].org_id })
  assert.equal(outside.status, 400, 'a member outside the organisation the team represents')
  assert.equal(outside.body.error.field, 'org_id')

  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'registration' })
  const r = await post(url, organiser, { team_name: '瓯江焊接一队', member_ids: ids, venue_id: venues[0].id })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.team_name, '瓯江焊接一队')
  assert.equal(r.body.worker_name, '瓯江焊接一队', 'the entrant\'s name is the team\'s')
  assert.equal(r.body.worker_id, ids[0], 'the captain')
  assert.deepEqual(r.body.members.map((m) => m.worker_id), ids)
  assert.deepEqual(r.body.members.map((m) => m.captain), [true, false, false])
  assert.deepEqual(r.body.members.map((m) => m.name), team.map((w) => w.name))
  assert.notEqual(r.body.org_id, team[0].org_id, 'members of two organisations: the team is their common one')
  assert.match(r.body.entry_code, /^[A-Z2-9]{6}$/)

  const rest = welders.filter((w) => !ids.includes(w.id))
  const reused = await post(url, organiser, { team_name: '二队', member_ids: [rest[0].id, rest[1].id, ids[2]] })
  assert.equal(reused.status, 409)
  assert.equal(reused.body.error.code, 'duplicate')
  assert.ok(reused.body.error.message.includes(team[2].name))
  const sameName = await post(url, organiser, { team_name: '瓯江焊接一队', member_ids: rest.slice(0, 3).map((w) => w.id) })
  assert.equal(sameName.status, 409)
  assert.equal(sameName.body.error.code, 'duplicate_team_name')
  const listed = (await app.request('GET', url, { token: organiser })).body.items
  assert.equal(listed.length, 1)
  assert.deepEqual(listed[0].members.map((m) => m.worker_id), ids)
})

test('skill-level limits: an event admits only the levels it declares, for individuals and for every team member', async () => {
  const { comp, venues } = await competition('2026年温州市青年焊工比武')
  const badCode = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工', work_type_id: welding.id, min_skill_level: 'grandmaster' })
  assert.equal(badCode.body.error.field, 'min_skill_level')
  const inverted = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工', work_type_id: welding.id, min_skill_level: 'technician', max_skill_level: 'intermediate' })
  assert.equal(inverted.body.error.field, 'max_skill_level')
  // 中级工 to 高级工 only.
  const ev = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工（中级工—高级工）', work_type_id: welding.id, min_skill_level: 'intermediate', max_skill_level: 'senior', venue_ids: [venues[0].id] })
  assert.equal(ev.status, 201, JSON.stringify(ev.body))
  assert.equal(ev.body.min_skill_level, 'intermediate')
  assert.equal(ev.body.max_skill_level, 'senior')
  const [low, high, fits] = welders.slice(-3)
  await setLevel(low.id, 'junior')
  await setLevel(high.id, 'technician')
  await setLevel(fits.id, 'senior')
  const url = `/api/v1/events/${ev.body.id}/entries`
  for (const w of [low, high]) {
    const r = await post(url, organiser, { worker_id: w.id })
    assert.equal(r.status, 422, JSON.stringify(r.body))
    assert.equal(r.body.error.code, 'not_eligible')
    assert.equal(r.body.error.field, 'worker_id')
  }
  assert.equal((await post(url, organiser, { worker_id: fits.id })).status, 201)
  const teamEv = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工团体（中级工及以上）', work_type_id: welding.id, team_size: 3, min_skill_level: 'intermediate' })
  const teamUrl = `/api/v1/events/${teamEv.body.id}/entries`
  const withJunior = await post(teamUrl, organiser, { team_name: '青年队', member_ids: [fits.id, high.id, low.id] })
  assert.equal(withJunior.status, 422)
  assert.ok(withJunior.body.error.message.includes(low.name))
  assert.equal((await post(teamUrl, organiser, { team_name: '青年队', member_ids: [fits.id, high.id, welders.at(-4).id] })).status, 201)
})

test('a team event from registration to certificates: conflict of interest through any member, blind standings, awards to every member', async () => {
  const { comp, venues } = await competition('2026年温州市电焊团体邀请赛')
  const event = await teamEvent(comp, venues, '焊工团体')
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'registration' })
  const url = `/api/v1/events/${event.id}/entries`
  const teamA = mixedTeam(welders)
  const pool = welders.filter((w) => !teamA.includes(w))
  const names = ['鹿城一队', '瑞安一队', '龙湾联队']
  const teams = [teamA, pool.slice(0, 3), pool.slice(3, 6)]
  const entries = []
  for (let i = 0; i < 3; ++i) {
    const r = await post(url, organiser, { team_name: names[i], member_ids: teams[i].map((w) => w.id), venue_id: venues[i % 2].id })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    entries.push(r.body)
  }

  // A judge whose enterprise is that of team A's second member (not the captain's, not the team's).
  const member = teamA[1]
  const colleague = (await app.request('GET', `/api/v1/workers?org_id=${member.org_id}&limit=100`, { token: admin })).body.items
    .find((w) => w.org_id === member.org_id && !teams.flat().some((t) => t.id === w.id))
  assert.ok(colleague, 'the demo has a colleague of the member')
  const homeJudge = await post('/api/v1/users', admin, { username: 'judge.colleague', password: 'Judge-Pass-123', worker_id: colleague.id, grants: [{ role: 'judge', org_id: root.id }] })
  const blocked = await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: homeJudge.body.id })
  assert.equal(blocked.status, 409)
  assert.equal(blocked.body.error.code, 'conflict_of_interest')

  assert.equal((await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: judge.id })).status, 201)
  assert.equal((await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: chief.id, chief: true })).status, 201)
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'running' })
  const blind = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: judge.token })).body.items
  assert.ok(blind.every((r) => r.entry.team_name === '' && r.entry.members.length === 0 && r.entry.worker_name === ''), 'judges mark teams by code')
  await markAndLock(event, entries, [92, 85, 71])

  const tiers = [{ name: '一等奖', count: 1, honour: '温州市技术能手', promote_to: 'technician' }, { name: '二等奖', count: 1 }, { name: '三等奖', count: 1 }]
  assert.equal((await app.request('PUT', `/api/v1/events/${event.id}/awards`, { token: organiser, body: { tiers } })).status, 200)
  const standings = (await app.request('GET', `/api/v1/events/${event.id}/standings`, { token: organiser })).body.items
  assert.deepEqual(standings.map((r) => r.entry.team_name), names)
  assert.deepEqual(standings[0].entry.members.map((m) => m.name), teamA.map((w) => w.name))
  for (const w of teamA) await setLevel(w.id, 'junior')
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'marking_closed' })
  const published = await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'published' })
  assert.equal(published.status, 200, JSON.stringify(published.body))

  const promotions = (await app.request('GET', `/api/v1/events/${event.id}/promotions`, { token: organiser })).body.items
  assert.deepEqual(promotions.map((p) => p.worker_id).sort(), teamA.map((w) => w.id).sort(), 'one proposal per member of the winning team')
  const certificates = (await app.request('GET', `/api/v1/events/${event.id}/certificates`, { token: organiser })).body.items
  assert.equal(certificates.length, 9, 'every member of every prize-winning team')
  const firstPrize = certificates.filter((c) => c.award === '一等奖')
  assert.deepEqual(firstPrize.map((c) => c.holder).sort(), teamA.map((w) => w.name).sort())
  assert.ok(firstPrize.every((c) => c.team_name === '鹿城一队'))
  assert.equal(new Set(certificates.map((c) => c.code)).size, 9)
  const pub = (await app.request('GET', `/api/v1/public/certificates/${firstPrize[1].code}`)).body
  assert.equal(pub.valid, true)
  assert.equal(pub.team_name, '鹿城一队')
  assert.ok(pub.holder.includes('*'))
  const pdf = await fetch(app.base + `/api/v1/certificates/${firstPrize[1].id}/pdf`, { headers: { authorization: `Bearer ${organiser}` } })
  assert.equal(pdf.status, 200)
  const bytes = Buffer.from(await pdf.arrayBuffer())
  const text = pdfText(bytes)
  for (const part of [firstPrize[1].holder, '作为“鹿城一队”队员', '一等奖', '温州市技术能手', firstPrize[1].code])
    assert.ok(text.includes(part), `the certificate reads "${part}": ${text}`)
  const page = renderFirstPage(bytes)
  assert.ok(page.width > page.height, 'a landscape certificate')
  assert.ok(page.inkedShare > 0.02 && page.inkedShare < 0.6, `drawn, not blank (${page.inkedShare})`)
  const late = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工团体（补）', work_type_id: welding.id })
  assert.deepEqual([late.status, late.body.error.code], [409, 'competition_closed'], 'a published competition gains no events')
  assert.equal((await post(`/api/v1/competitions/${comp.id}/venues`, organiser, { name: '补充赛区' })).status, 409)
  assert.equal(app.cli(['verify-audit']).status, 0)
})

test('a judge assigned before the teams registered still cannot mark a team with a colleague in it, and marks blind', async () => {
  const { comp, venues } = await competition('2026年温州市焊工团体赛（回避）')
  const event = await teamEvent(comp, venues, '焊工团体')
  const [team1, team2] = [welders.slice(0, 3), welders.slice(3, 6)]
  const member = team1[2]
  const colleague = (await app.request('GET', `/api/v1/workers?org_id=${member.org_id}&limit=100`, { token: admin })).body.items
    .find((w) => w.org_id === member.org_id && !welders.slice(0, 6).some((t) => t.id === w.id))
  const body = { username: 'judge.early', password: 'Judge-Pass-123', worker_id: colleague.id, grants: [{ role: 'judge', org_id: root.id }] }
  const early = await post('/api/v1/users', admin, body)
  assert.equal(early.status, 201, JSON.stringify(early.body))
  // No entrants yet: nothing to conflict with at assignment time.
  assert.equal((await post(`/api/v1/events/${event.id}/judges`, organiser, { user_id: early.body.id })).status, 201)
  const entries = []
  for (const [i, team] of [team1, team2].entries())
    entries.push((await post(`/api/v1/events/${event.id}/entries`, organiser, { team_name: `回避${i + 1}队`, member_ids: team.map((w) => w.id) })).body)
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'registration' })
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'running' })
  const token = await app.login(body.username, body.password)
  const aspect = event.components[0].aspects[0]
  const refused = await post('/api/v1/marks', token, { client_id: 'coi-1', entry_id: entries[0].id, aspect_id: aspect.id, value: 80 })
  assert.equal(refused.status, 403, 'a colleague of the third member')
  assert.equal((await post('/api/v1/marks', token, { client_id: 'coi-2', entry_id: entries[1].id, aspect_id: aspect.id, value: 80 })).status, 201)
  const tasks = (await app.request('GET', '/api/v1/judging/tasks', { token })).body.items.find((t) => t.event.id === event.id)
  assert.deepEqual(tasks.entries.map((e) => e.conflict), [true, false])
  const seen = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token })).body.items
  assert.ok(seen.every((e) => e.worker_name === '' && e.team_name === '' && e.members.length === 0 && e.bib === ''), 'the entries list is blind too')
  assert.ok(seen.every((e) => /^[A-Z2-9]{6}$/.test(e.entry_code)))
})

test('advancement moves whole teams, per venue, and ranks the teams without a venue among themselves', async () => {
  const { comp, venues } = await competition('2026年温州市焊工团体赛（预赛—决赛）')
  const prelim = await teamEvent(comp, venues, '焊工团体预赛')
  const final = await teamEvent(comp, venues, '焊工团体决赛')
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'registration' })
  await post(`/api/v1/events/${prelim.id}/judges`, organiser, { user_id: judge.id })
  await post(`/api/v1/events/${prelim.id}/judges`, organiser, { user_id: chief.id, chief: true })
  // Two teams at the first venue, one at the second, two registered without a venue.
  const plan = [[venues[0].id, 80], [venues[0].id, 90], [venues[1].id, 60], [null, 70], [null, 75]]
  const entries = []
  for (let i = 0; i < plan.length; ++i) {
    const members = welders.slice(i * 3, i * 3 + 3).map((w) => w.id)
    const r = await post(`/api/v1/events/${prelim.id}/entries`, organiser, { team_name: `预赛${i + 1}队`, member_ids: members, venue_id: plan[i][0] })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    entries.push(r.body)
  }
  await post(`/api/v1/competitions/${comp.id}/status`, organiser, { status: 'running' })
  await markAndLock(prelim, entries, plan.map((p) => p[1]))
  const r = await post(`/api/v1/events/${prelim.id}/advance`, organiser, { to_event_id: final.id, top_n: 1, per_venue: true })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const advanced = (await app.request('GET', `/api/v1/events/${final.id}/entries`, { token: organiser })).body.items
  assert.deepEqual(advanced.map((e) => e.team_name).sort(), ['预赛2队', '预赛3队', '预赛5队'])
  for (const e of advanced) {
    const from = entries.find((x) => x.team_name === e.team_name)
    assert.deepEqual(e.members.map((m) => m.worker_id), from.members.map((m) => m.worker_id), 'the same members, captain first')
    assert.equal(e.venue_id, from.venue_id)
    assert.notEqual(e.entry_code, from.entry_code, 'a fresh code for the final')
  }
  const individual = await post(`/api/v1/competitions/${comp.id}/events`, organiser, { name: '焊工个人决赛', work_type_id: welding.id })
  const mismatch = await post(`/api/v1/events/${prelim.id}/advance`, organiser, { to_event_id: individual.body.id, top_n: 1 })
  assert.equal(mismatch.status, 400, 'teams do not advance into an individual event')
  const again = await post(`/api/v1/events/${prelim.id}/advance`, organiser, { to_event_id: final.id, top_n: 2, per_venue: true })
  assert.equal(again.status, 200)
  const after = (await app.request('GET', `/api/v1/events/${final.id}/entries`, { token: organiser })).body.items
  assert.deepEqual(after.map((e) => e.team_name).sort(), ['预赛1队', '预赛2队', '预赛3队', '预赛4队', '预赛5队'], 'teams already in the final are not added twice')
})
