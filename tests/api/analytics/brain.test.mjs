// 技能大脑 over HTTP on the small demo: the big screen's figures are the structure's, the districts' counts are
// the records', the live leaders are the boards' spectator rows, today's exams are today's; the union's
// target applies below it; figures are shared for ten seconds and read only within the reader's scope.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, hr, worker, root, hrOrg

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  hr = await as('hr')
  worker = await as('worker')
  root = (await get('/api/v1/orgs')).items.find((o) => o.parent_id === null)
  hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const inPath = (p) => `w.org_path >= '${p}' AND w.org_path < '${p.slice(0, -1)}0'`

test("the city's big screen: structure, districts, live leaders and today's activity, as the records say", async () => {
  const b = await get(`/api/v1/analytics/brain?org_id=${root.id}`, organiser)
  const s = await get(`/api/v1/analytics/structure?org_id=${root.id}`, organiser)
  assert.equal(b.structure.workers, s.workers)
  assert.deepEqual(b.structure.work_types, s.work_types)
  const children = sqlite(app.dbFile, `SELECT id, path FROM orgs WHERE parent_id = ${root.id}`).split('\n').map((l) => l.split('|'))
  assert.equal(b.districts.length, children.length)
  for (const [id, path] of children) {
    const d = b.districts.find((x) => x.org_id === id)
    const [n, high] = sqlite(app.dbFile, `SELECT COUNT(*), SUM(CASE WHEN skill_level <= 3 THEN 1 ELSE 0 END) FROM workers w WHERE ${inPath(path)}`).split('|').map(Number)
    assert.equal(d.workers, n)
    assert.equal(d.high_skilled, high || 0)
  }
  for (let i = 1; i < b.districts.length; i++) assert.ok(b.districts[i - 1].workers >= b.districts[i].workers)
  // The demo competition is under way: each of its marked events shows its first three as spectators see them.
  assert.ok(b.live.length > 0, 'the demo competition is running')
  for (const e of b.live) {
    assert.ok(e.leaders.rows.length <= 3)
    const page = await app.request('GET', `/api/v1/boards/${e.board_id}/rows?offset=0&limit=3`)
    assert.equal(page.status, 200)
    assert.deepEqual(e.leaders.rows, page.body.rows)
  }
  const today = new Date().toISOString().slice(0, 10)
  assert.equal(b.exams_today, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM exam_sessions WHERE status = 'submitted' AND submitted_at >= '${today}T00:00:00Z'`)))
  assert.equal(b.practice_today, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM practice_attempts WHERE submitted_day = '${today}'`)))
  assert.ok(b.improvers.length <= 5)
  for (const i of b.improvers) assert.ok(i.now > i.before)
})

test("the union's target applies to it and below; only those who write organisations set it", async () => {
  assert.equal((await app.request('PUT', `/api/v1/orgs/${root.id}/high-skill-target`, { token: hr, body: { high_skill_share: 0.3 } })).status, 403)
  assert.equal((await app.request('PUT', `/api/v1/orgs/${root.id}/high-skill-target`, { token: organiser, body: { high_skill_share: 1.5 } })).status, 400)
  assert.equal((await app.request('PUT', `/api/v1/orgs/${root.id}/high-skill-target`, { token: organiser, body: { high_skill_share: 0.35 } })).status, 200)
  assert.equal((await get(`/api/v1/analytics/brain?org_id=${root.id}`, organiser)).high_skill_target, 0.35, 'a new target is shown at once')
  assert.equal((await get(`/api/v1/analytics/brain?org_id=${hrOrg}`, hr)).high_skill_target, 0.35, 'the enterprise under the union inherits it')
  await get(`/api/v1/analytics/brain?org_id=${root.id}`, hr, 403)
  await get(`/api/v1/analytics/brain?org_id=${hrOrg}`, worker, 403)
  assert.equal((await app.request('PUT', `/api/v1/orgs/${root.id}/high-skill-target`, { token: organiser, body: { high_skill_share: null } })).status, 200)
  assert.equal((await get(`/api/v1/analytics/brain?org_id=${root.id}`, organiser)).high_skill_target, null)
})

test('many screens polling share one computation for ten seconds', async () => {
  const first = await get(`/api/v1/analytics/brain?org_id=${root.id}`, organiser)
  const again = await Promise.all(Array.from({ length: 20 }, () => get(`/api/v1/analytics/brain?org_id=${root.id}`, organiser)))
  for (const b of again) assert.equal(b.generated_at, first.generated_at)
})
