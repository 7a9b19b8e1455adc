// 技能结构 over HTTP on the small demo: an enterprise's workforce by work type and level, against the city's,
// every figure recomputed here with plain SQL; a city figure resting on one to four workers of other
// enterprises is withheld; the year-ago structure is each worker's level as their record stood then; an
// enterprise's HR reads their own enterprise only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, hr, worker, hrOrg, hrPath, otherOrg

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  hr = await as('hr')
  worker = await as('worker')
  hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
  hrPath = sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${hrOrg}`)
  otherOrg = (await get('/api/v1/orgs')).items.find((o) => o.kind === 'enterprise' && o.id !== hrOrg).id
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const LEVELS = ['apprentice', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician', 'special_technician', 'chief_technician']
const NUMBER = { apprentice: 6, junior: 5, intermediate: 4, senior: 3, technician: 2, senior_technician: 1, special_technician: 0, chief_technician: -1 }
const inPath = (p) => `w.org_path >= '${p}' AND w.org_path < '${p.slice(0, -1)}0'`
const rows = (sql) => sqlite(app.dbFile, sql).split('\n').filter(Boolean).map((l) => l.split('|'))
const levelOn = (date) => `JOIN level_history h ON h.worker_id = w.id AND h.id = (SELECT h2.id FROM level_history h2 WHERE h2.worker_id = w.id AND h2.effective_date <= '${date}' ORDER BY h2.effective_date DESC, h2.id DESC LIMIT 1)`

test("an enterprise's structure is what its records say, today and a year ago, beside the city's", async () => {
  const s = await get(`/api/v1/analytics/structure?org_id=${hrOrg}`, hr)
  const city = '/' + hrPath.split('/')[1] + '/'
  const today = {}, cityToday = {}, then = {}
  for (const [t, l, n] of rows(`SELECT t.work_type_id, w.skill_level, COUNT(*) FROM workers w JOIN worker_work_types t ON t.worker_id = w.id WHERE ${inPath(hrPath)} GROUP BY 1, 2`)) today[`${t}:${l}`] = Number(n)
  for (const [t, l, n] of rows(`SELECT t.work_type_id, w.skill_level, COUNT(*) FROM workers w JOIN worker_work_types t ON t.worker_id = w.id WHERE ${inPath(city)} GROUP BY 1, 2`)) cityToday[`${t}:${l}`] = Number(n)
  for (const [t, l, n] of rows(`SELECT t.work_type_id, h.skill_level, COUNT(*) FROM workers w JOIN worker_work_types t ON t.worker_id = w.id ${levelOn(s.year_ago)} WHERE ${inPath(hrPath)} GROUP BY 1, 2`)) then[`${t}:${l}`] = Number(n)

  assert.equal(s.workers, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM workers w WHERE ${inPath(hrPath)}`)))
  assert.equal(s.ages.reduce((a, b) => a + b.count, 0), s.workers, 'every worker is in one age band')
  assert.ok(s.work_types.length > 0)
  let withheld = 0
  for (const t of s.work_types) {
    assert.deepEqual(t.levels.map((l) => l.skill_level), LEVELS)
    for (const l of t.levels) {
      const key = `${t.work_type_id}:${NUMBER[l.skill_level]}`
      assert.equal(l.count, today[key] ?? 0, `${t.name} ${l.skill_level} today`)
      assert.equal(l.year_ago, then[key] ?? 0, `${t.name} ${l.skill_level} a year ago`)
      const others = (cityToday[key] ?? 0) - (today[key] ?? 0)
      if (others > 0 && others < 5) {
        assert.equal(l.city_count, null, 'a city figure on fewer than five others is withheld')
        withheld++
      } else {
        assert.equal(l.city_count, cityToday[key] ?? 0)
      }
    }
    assert.equal(t.total, t.levels.reduce((a, l) => a + l.count, 0))
    if (t.levels.some((l) => l.city_count === null)) {
      assert.equal(t.city_total, null, 'a withheld level would follow from the city total by subtraction')
      assert.equal(t.city_high_skill_share, null, '… or from the high-skilled share')
    }
    const high = t.levels.filter((l) => NUMBER[l.skill_level] <= 3).reduce((a, l) => a + l.count, 0)
    assert.ok(Math.abs(t.high_skill_share - (t.total ? high / t.total : 0)) < 1e-12)
  }
  assert.ok(withheld > 0, 'the small demo has cells that must be withheld')
  // Promotions in the last twelve months: entries above the one before them.
  const promoted = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM level_history h JOIN workers w ON w.id = h.worker_id JOIN worker_work_types t ON t.worker_id = w.id WHERE h.effective_date > '${s.year_ago}' AND h.effective_date <= '${s.as_of}' AND ${inPath(hrPath)} AND h.skill_level < (SELECT p.skill_level FROM level_history p WHERE p.worker_id = h.worker_id AND (p.effective_date < h.effective_date OR (p.effective_date = h.effective_date AND p.id < h.id)) ORDER BY p.effective_date DESC, p.id DESC LIMIT 1)`))
  assert.equal(s.work_types.reduce((a, t) => a + t.promotions, 0), promoted)
  assert.equal(s.promotions, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM level_history h JOIN workers w ON w.id = h.worker_id WHERE h.effective_date > '${s.year_ago}' AND h.effective_date <= '${s.as_of}' AND ${inPath(hrPath)} AND h.skill_level < (SELECT p.skill_level FROM level_history p WHERE p.worker_id = h.worker_id AND (p.effective_date < h.effective_date OR (p.effective_date = h.effective_date AND p.id < h.id)) ORDER BY p.effective_date DESC, p.id DESC LIMIT 1)`)))
  const cityPromoted = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM level_history WHERE effective_date > '${s.year_ago}' AND note = '晋级'`))
  assert.ok(cityPromoted > 0, 'the demo promotes some workers this year')
})

test('the city reads itself whole; an HR reads their own enterprise only', async () => {
  const root = (await get('/api/v1/orgs')).items.find((o) => o.parent_id === null)
  const city = await get(`/api/v1/analytics/structure?org_id=${root.id}`, organiser)
  for (const t of city.work_types) for (const l of t.levels) assert.equal(l.city_count, l.count, 'the city has no one outside itself')
  assert.equal(city.city_high_skill_share, null, 'nothing outside the city to compare with')
  await get(`/api/v1/analytics/structure?org_id=${otherOrg}`, hr, 403)
  await get(`/api/v1/analytics/structure?org_id=${root.id}`, hr, 403)
  await get(`/api/v1/analytics/structure?org_id=${hrOrg}`, worker, 403)
  await get('/api/v1/analytics/structure?org_id=999999', admin, 404)
  assert.equal((await app.request('GET', '/api/v1/analytics/structure', { token: admin })).status, 400)
})

test('a work type with one worker elsewhere in the city shows no city figure for it', async () => {
  const wt = await app.request('POST', '/api/v1/work-types', { token: admin, body: { code: 'RARE', name: '稀有工种', dimensions: [{ name: '维度' }] } })
  assert.equal(wt.status, 201, JSON.stringify(wt.body))
  let seq = 900
  const add = async (org) => {
    seq += 2
    const r = await app.request('POST', '/api/v1/workers', { token: admin, body: {
      name: '稀有' + seq, gender: 'male', employee_no: 'RARE-' + seq, org_id: org, work_type_ids: [wt.body.id], skill_level: 'technician',
      phone: '1370000' + String(seq).padStart(4, '0'), id_number: idNumber('19850505', seq + 1) } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  await add(hrOrg)
  await add(hrOrg)
  await add(otherOrg)
  const s = await get(`/api/v1/analytics/structure?org_id=${hrOrg}`, hr)
  const rare = s.work_types.find((t) => t.work_type_id === wt.body.id)
  assert.equal(rare.total, 2)
  assert.equal(rare.city_total, null)
  assert.equal(rare.city_high_skill_share, null)
  assert.equal(rare.levels.find((l) => l.skill_level === 'technician').city_count, null, 'one technician elsewhere stays hidden')
})
