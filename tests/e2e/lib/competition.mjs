// The competition set-up shared by competitions.test.mjs and results.test.mjs, through the API (as
// tests/api/competitions.test.mjs): an organiser, three judges and a chief judge, a competition with
// two venues, a welding event with its scheme, three entrants, judges assigned and panel marks.
import assert from 'node:assert/strict'
import { RUN } from './data.mjs'

export const PASSWORD = 'Judge-Pass-123'

/** `call(method, path, body, token, expect)`: env.api, asserting the status when `expect` is given. */
export function apiCaller(env) {
  return async function call(method, path, body, token = env.adminToken, expect) {
    const r = await env.api(method, path, body, token)
    if (expect !== undefined) assert.equal(r.status, expect, `${method} ${path}: ${JSON.stringify(r.body)}`)
    return r
  }
}

/** A `createUser(key, grants, extra)` for one test file: account `<prefix>.<key>.<RUN>` with PASSWORD, signed in over the API. */
export function userMaker(env, call, prefix) {
  return async function createUser(key, grants, extra = {}) {
    const username = `${prefix}.${key}.${RUN}`.toLowerCase()
    const r = await call('POST', '/users', { username, password: PASSWORD, display_name: key, grants, ...extra }, env.adminToken, 201)
    const tok = await call('POST', '/auth/login', { username, password: PASSWORD }, undefined, 200)
    return { id: r.body.id, username, token: tok.body.token }
  }
}

const WELDING_SCHEME = {
  components: [
    { kind: 'theory', name: '理论知识', max_mark: 100, weight: 0.3 },
    { kind: 'practical', name: '实操：板对接焊', max_mark: 100, weight: 0.7, aspects: [
      { criterion: '焊缝尺寸', name: '焊缝宽度偏差', kind: 'measurement', max_mark: 40, step: 0.5 },
      { criterion: '外观', name: '焊缝成形美观', kind: 'judgement', max_mark: 30 },
      { criterion: '安全文明', name: '安全文明生产', kind: 'judgement', max_mark: 30 },
      { criterion: '安全文明', name: '违规操作', kind: 'deduction', max_mark: 5 }
    ] }
  ]
}

/**
 * Sets up the competition and returns { call, users, root, welding, electrician, comp, venue, event,
 * event2, entries, theory, practical }. Options:
 * - userPrefix: usernames are `${userPrefix}${key}.${RUN}` (lower case);
 * - venueAddress: the first venue's address, if any;
 * - secondEvent: also add an electrician event (`event2`, no scheme);
 * - conflictJudge: j1 works at the third entrant's enterprise; judges are assigned before that
 *   entrant registers, so the assignment passes and the entrant is locked (conflict) for j1;
 * - plan({ m, look, safety, foul, th, e0, e1, e2 }): { judgeKey: [[entry_id, aspect_id, value], …] },
 *   the panel marks posted once the competition is running.
 */
/**
 * Staff accounts granted at `orgId`, each signed in: [[key, role, display name], …] → {key: {id, username, token}}.
 * Usernames are `<prefix><key>.<RUN>` so reruns against one database do not collide.
 */
export async function createStaff(env, call, orgId, prefix, staff) {
  const users = {}
  for (const [key, role, name] of staff) {
    const username = `${prefix}${key}.${RUN}`.toLowerCase()
    const r = await call('POST', '/users', { username, password: PASSWORD, display_name: name, grants: [{ role, org_id: orgId }] }, env.adminToken, 201)
    const tok = await call('POST', '/auth/login', { username, password: PASSWORD }, undefined, 200)
    users[key] = { id: r.body.id, username, token: tok.body.token }
  }
  return users
}

export async function setUpCompetition(env, { userPrefix = 'e2e.', venueAddress, secondEvent = false, conflictJudge = false, plan }) {
  const call = apiCaller(env)
  const users = {}
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const wts = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items
  const welding = wts.find((w) => w.name === '焊工')
  assert.ok(welding, 'the demo has welders')
  const electrician = secondEvent ? wts.find((w) => w.name === '电工') || wts.find((w) => w.id !== welding.id) : undefined

  async function createUser(key, role, display_name, worker_id) {
    const username = `${userPrefix}${key}.${RUN}`.toLowerCase()
    const r = await call('POST', '/users', {
      username,
      password: PASSWORD,
      display_name,
      grants: [{ role, org_id: root.id }],
      ...(worker_id ? { worker_id } : {})
    }, env.adminToken, 201)
    const tok = await call('POST', '/auth/login', { username, password: PASSWORD }, undefined, 200)
    users[key] = { id: r.body.id, username, token: tok.body.token }
  }
  await createUser('organiser', 'organiser', '赛事组织者')
  if (!conflictJudge) await createUser('j1', 'judge', '陈裁判')
  await createUser('j2', 'judge', '王裁判')
  await createUser('j3', 'judge', '李裁判')
  await createUser('chief', 'chief_judge', '赵裁判长')
  const org = users.organiser.token

  const comp = (await call('POST', '/competitions', {
    name: '2026年温州市职工技能大赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30'
  }, org, 201)).body
  const venue = (await call('POST', `/competitions/${comp.id}/venues`, {
    name: '鹿城赛区', city: '温州', ...(venueAddress ? { address: venueAddress } : {})
  }, org, 201)).body
  await call('POST', `/competitions/${comp.id}/venues`, { name: '瓯海赛区', city: '温州' }, org, 201)
  let event = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '焊工', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venue.id]
  }, org, 201)).body
  const event2 = secondEvent
    ? (await call('POST', `/competitions/${comp.id}/events`, {
        name: '电工', work_type_id: electrician.id, total_mode: 'weighted', tie_breaks: ['practical_higher', 'time_lower'], venue_ids: [venue.id]
      }, org, 201)).body
    : undefined
  event = (await call('PUT', `/events/${event.id}/scheme`, WELDING_SCHEME, org, 200)).body
  const [theory, practical] = event.components

  await call('POST', `/competitions/${comp.id}/status`, { status: 'registration' }, org, 200)
  const workers = (await call('GET', `/workers?work_type_id=${welding.id}&limit=50`, undefined, env.adminToken, 200)).body.items
  // Three entrants from three enterprises where possible.
  const picked = []
  for (const w of workers) if (picked.length < 3 && !picked.some((p) => p.org_id === w.org_id)) picked.push(w)
  for (const w of workers) if (picked.length < 3 && !picked.includes(w)) picked.push(w)
  if (conflictJudge) {
    const colleagues = (await call('GET', `/workers?org_id=${picked[2].org_id}&limit=50`, undefined, env.adminToken, 200)).body.items
    const colleague = colleagues.find((w) => !picked.some((p) => p.id === w.id))
    assert.ok(colleague, 'the third entrant has a colleague')
    await createUser('j1', 'judge', '陈裁判', colleague.id)
  }
  const register = (w) => call('POST', `/events/${event.id}/entries`, { worker_id: w.id, venue_id: venue.id }, org, 201)
  for (const w of picked.slice(0, 2)) await register(w)
  for (const k of ['j1', 'j2', 'j3']) await call('POST', `/events/${event.id}/judges`, { user_id: users[k].id, venue_id: venue.id }, org, 201)
  await register(picked[2])
  await call('POST', `/events/${event.id}/judges`, { user_id: users.chief.id, chief: true }, org, 201)
  const entries = (await call('GET', `/events/${event.id}/entries`, undefined, org, 200)).body.items
  assert.equal(entries.length, 3)
  assert.equal(entries[2].worker_id, picked[2].id)
  await call('POST', `/competitions/${comp.id}/status`, { status: 'running' }, org, 200)

  const [m, look, safety, foul] = practical.aspects
  const [e0, e1, e2] = entries.map((e) => e.id)
  const marks = plan({ m, look, safety, foul, th: theory.aspects[0].id, e0, e1, e2 })
  for (const [k, list] of Object.entries(marks)) {
    const body = { marks: list.map(([entry_id, aspect_id, value], i) => ({ client_id: `${k}-${RUN}-${i}`, entry_id, aspect_id, value })) }
    await call('POST', '/marks', body, users[k].token, 201)
  }
  return { call, users, root, welding, electrician, comp, venue, event, event2, entries, theory, practical }
}
