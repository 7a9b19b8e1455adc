// 同行对标 and 工匠候选 over HTTP on the small demo: an enterprise's quartiles beside the city's, recomputed
// from portrait_scores, shown only over groups of five or more; candidates ranked by the lower end of their
// overall band, with awards and honours, inside the reader's scope.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, hr, worker, electrician, assessedOrg, hrOrg

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  hr = await as('hr')
  worker = await as('worker')
  electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
  hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
  // The demo worker's enterprise assessed ten electricians: enough for its own quartiles.
  assessedOrg = sqlite(app.dbFile, `SELECT w.org_id FROM users u JOIN workers w ON w.id = u.worker_id WHERE u.username = '${app.demoAccounts.worker.username}'`)
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const sigma = (x) => 1 / (1 + Math.exp(-x))
const quartiles = (thetas) => {
  const at = (q) => 100 * sigma(thetas[Math.min(thetas.length - 1, Math.floor(q * thetas.length))])
  return { p25: at(0.25), median: at(0.5), p75: at(0.75) }
}
const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`)

test("an enterprise's quartiles beside the city's, each only over five or more", async () => {
  const b = await get(`/api/v1/analytics/benchmarks?org_id=${assessedOrg}&work_type_id=${electrician.id}`, organiser)
  assert.equal(b.rows.length, 1 + electrician.dimensions.length)
  assert.equal(b.rows[0].dimension_id, null)
  const path = sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${assessedOrg}`)
  let shown = 0
  for (const row of b.rows) {
    const dim = row.dimension_id ?? 0
    const own = sqlite(app.dbFile, `SELECT s.theta FROM portrait_scores s JOIN workers w ON w.id = s.worker_id WHERE s.work_type_id = ${electrician.id} AND s.dimension_id = ${dim} AND w.org_path >= '${path}' AND w.org_path < '${path.slice(0, -1)}0' ORDER BY s.theta`)
      .split('\n').filter(Boolean).map(Number)
    const all = sqlite(app.dbFile, `SELECT theta FROM portrait_scores WHERE work_type_id = ${electrician.id} AND dimension_id = ${dim} ORDER BY theta`)
      .split('\n').filter(Boolean).map(Number)
    assert.equal(row.org_n, own.length)
    assert.equal(row.city_n, all.length)
    if (own.length >= 5) {
      const q = quartiles(own)
      for (const k of ['p25', 'median', 'p75']) close(row.org[k], q[k], `${row.name} org ${k}`)
      shown++
    } else assert.equal(row.org, null, 'under five, no figure')
    if (all.length - own.length >= 5) {
      const q = quartiles(all)
      for (const k of ['p25', 'median', 'p75']) close(row.city[k], q[k], `${row.name} city ${k}`)
    } else assert.equal(row.city, null)
  }
  assert.ok(shown > 0, 'the assessed enterprise has its own figures')
  await get(`/api/v1/analytics/benchmarks?org_id=${assessedOrg}&work_type_id=${electrician.id}`, hr, 403)
  await get(`/api/v1/analytics/benchmarks?org_id=${hrOrg}&work_type_id=${electrician.id}`, worker, 403)
})

test('craftsman candidates: senior or above, ten pieces of evidence, ranked by the band’s lower end, inside the scope', async () => {
  const list = (await get(`/api/v1/analytics/candidates?work_type_id=${electrician.id}&limit=200`, organiser)).items
  const expected = sqlite(app.dbFile, `SELECT w.id FROM portrait_scores s JOIN workers w ON w.id = s.worker_id WHERE s.work_type_id = ${electrician.id} AND s.dimension_id = 0 AND w.skill_level <= 3 AND s.evidence_count >= 10 ORDER BY s.theta - 1.959964 * s.se DESC, w.id`)
    .split('\n').filter(Boolean)
  assert.deepEqual(list.map((c) => c.worker_id), expected)
  assert.ok(list.length > 0, 'the demo has candidates')
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].low >= list[i].low - 1e-9)
  for (const c of list.slice(0, 10)) {
    assert.ok(['senior', 'technician', 'senior_technician', 'special_technician', 'chief_technician'].includes(c.skill_level))
    assert.equal(c.awards, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM certificates WHERE worker_id = ${c.worker_id} AND revoked = 0`)))
    assert.equal(c.honours, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM honours WHERE worker_id = ${c.worker_id}`)))
  }
  const hrPath = sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${hrOrg}`)
  for (const c of (await get(`/api/v1/analytics/candidates?work_type_id=${electrician.id}`, hr)).items)
    assert.ok(sqlite(app.dbFile, `SELECT org_path FROM workers WHERE id = ${c.worker_id}`).startsWith(hrPath), 'only the HR’s own enterprise')
  await get(`/api/v1/analytics/candidates?work_type_id=${electrician.id}&org_id=${assessedOrg}`, hr, 403)
  await get(`/api/v1/analytics/candidates?work_type_id=${electrician.id}`, worker, 403)
  assert.equal((await app.request('GET', `/api/v1/analytics/candidates?work_type_id=${electrician.id}&limit=0`, { token: organiser })).status, 400)
})
