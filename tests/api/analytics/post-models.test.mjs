// 岗位能力模型, 岗位差距 and 晋级梯队 over HTTP on the small demo: a union's template copied and edited by an
// enterprise, targets named by dimension as a sheet gives them, every check on the way in; the gap heatmap's
// scores are the portraits' (recomputed from portrait_scores) and its reach is the model's subtree within
// the reader's scope; the pipeline agrees with each worker's own portrait readiness.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, sqlite } from '../lib/server.mjs'

const app = new Instance()
let admin, organiser, hr, worker, hrOrg, root, electrician, template, copy

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  hr = await as('hr')
  worker = await as('worker')
  hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
  root = (await get('/api/v1/orgs')).items.find((o) => o.parent_id === null)
  electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
})
after(async () => { await app.stop(); app.cleanup() })

async function get(path, token = admin, status = 200) {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}
const send = (method, path, token, body) => app.request(method, path, { token, body })
const sigma = (x) => 1 / (1 + Math.exp(-x))

test('a union template, checked on the way in, copied and edited by an enterprise', async () => {
  const targets = electrician.dimensions.map((d, i) => ({ dimension_name: d.name, target: 50 + 5 * i }))
  const body = { org_id: root.id, work_type_id: electrician.id, name: '电工岗（市级模板）', template: true, targets }
  for (const [bad, field] of [
    [{ ...body, targets: [{ dimension_name: electrician.dimensions[0].name, target: 101 }] }, 'targets[0].target'],
    [{ ...body, targets: [{ dimension_name: '不存在的维度', target: 50 }] }, 'targets[0].dimension'],
    [{ ...body, targets: [targets[0], targets[0]] }, 'targets[1].dimension'],
    [{ ...body, targets: [] }, 'targets'],
    [{ ...body, name: ' ' }, 'name'],
  ]) {
    const r = await send('POST', '/api/v1/post-models', organiser, bad)
    assert.equal(r.status, 400, JSON.stringify(r.body))
    assert.equal(r.body.error.field, field)
  }
  assert.equal((await send('POST', '/api/v1/post-models', hr, body)).status, 403, 'an enterprise HR does not write the union template')
  const made = await send('POST', '/api/v1/post-models', organiser, body)
  assert.equal(made.status, 201, JSON.stringify(made.body))
  template = made.body
  assert.deepEqual(template.targets.map((t) => [t.dimension_id, t.target]), electrician.dimensions.map((d, i) => [d.id, 50 + 5 * i]))

  // The enterprise sees the template above it and copies it to itself; the copy is theirs to edit.
  assert.ok((await get('/api/v1/post-models', hr)).items.some((m) => m.id === template.id))
  const copied = await send('POST', `/api/v1/post-models/${template.id}/copy`, hr, { org_id: hrOrg, name: '本厂电工岗' })
  assert.equal(copied.status, 201, JSON.stringify(copied.body))
  copy = copied.body
  assert.equal(copy.template, false)
  assert.deepEqual(copy.targets, template.targets)
  const edited = await send('PUT', `/api/v1/post-models/${copy.id}`, hr, { name: '本厂电工岗', targets: [...copy.targets.slice(1), { dimension_id: copy.targets[0].dimension_id, target: 70 }] })
  assert.equal(edited.status, 200, JSON.stringify(edited.body))
  assert.equal(edited.body.targets[0].target, 70, 'targets come back in the work type’s order')
  assert.equal((await send('PUT', `/api/v1/post-models/${template.id}`, hr, { name: 'x', targets })).status, 403)
  assert.equal((await send('POST', `/api/v1/post-models/${template.id}/copy`, hr, { org_id: root.id })).status, 403, 'not into the union')

  // Another enterprise's model stays out of the HR's sight.
  const other = (await get('/api/v1/orgs')).items.find((o) => o.kind === 'enterprise' && o.id !== hrOrg)
  const theirs = (await send('POST', '/api/v1/post-models', organiser, { ...body, org_id: other.id, template: false, name: '外厂电工岗' })).body
  assert.ok(!(await get('/api/v1/post-models', hr)).items.some((m) => m.id === theirs.id))
  await get(`/api/v1/post-models/${theirs.id}`, hr, 403)
  await get(`/api/v1/post-models/${theirs.id}/gaps`, hr, 403)
  assert.equal((await send('DELETE', `/api/v1/post-models/${theirs.id}`, hr)).status, 403)
  assert.equal((await send('DELETE', `/api/v1/post-models/${theirs.id}`, organiser)).status, 204)
  await get(`/api/v1/post-models/${theirs.id}`, organiser, 404)
})

test("the gap heatmap is the portraits against the targets, over the model's workers within the reader's scope", async () => {
  const check = async (model, token, path) => {
    const g = await get(`/api/v1/post-models/${model.id}/gaps`, token)
    const expected = sqlite(app.dbFile, `SELECT DISTINCT w.id FROM workers w JOIN worker_work_types t ON t.worker_id = w.id AND t.work_type_id = ${electrician.id} WHERE w.org_path >= '${path}' AND w.org_path < '${path.slice(0, -1)}0'`)
      .split('\n').filter(Boolean).sort()
    assert.deepEqual(g.workers.map((w) => w.worker_id).sort(), expected)
    let meeting = 0
    for (const w of g.workers) {
      let meets = true
      for (const [i, t] of g.model.targets.entries()) {
        const row = sqlite(app.dbFile, `SELECT theta, se FROM portrait_scores WHERE worker_id = ${w.worker_id} AND work_type_id = ${electrician.id} AND dimension_id = ${t.dimension_id} AND evidence_count > 0`)
        if (!row) { assert.equal(w.scores[i], null, 'no evidence is no score'); meets = false; continue }
        const [theta, se] = row.split('|').map(Number)
        assert.ok(Math.abs(w.scores[i].score - 100 * sigma(theta)) < 1e-9)
        assert.ok(Math.abs(w.scores[i].low - 100 * sigma(theta - 1.959964 * se)) < 1e-6)
        if (w.scores[i].score < t.target) meets = false
      }
      assert.equal(w.meets, meets)
      meeting += meets ? 1 : 0
    }
    assert.equal(g.meeting, meeting)
    assert.equal(g.departments.reduce((a, d) => a + d.workers, 0), g.workers.length)
    for (let i = 1; i < g.workers.length; i++) assert.ok(g.workers[i - 1].total_gap >= g.workers[i].total_gap)
    return g
  }
  const hrPath = sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${hrOrg}`)
  await check(copy, hr, hrPath)
  // The union template read by the enterprise's HR covers their enterprise only; by the organiser, the city.
  const viaTemplate = await check(template, hr, hrPath)
  const city = await check(template, organiser, root.path ?? sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${root.id}`))
  assert.ok(city.workers.length > viaTemplate.workers.length)
  assert.ok(city.workers.some((w) => w.scores.some(Boolean)), 'the demo gives some electricians portraits')
  await get(`/api/v1/post-models/${copy.id}/gaps`, worker, 403)
})

test("the promotion pipeline agrees with each worker's own portrait readiness", async () => {
  // The demo worker's enterprise assessed its electricians; the demo seeds the electricians' level bars.
  const me = (await get('/api/v1/me', worker)).user
  const org = sqlite(app.dbFile, `SELECT org_id FROM workers WHERE id = ${me.worker_id}`)
  const p = await get(`/api/v1/analytics/pipeline?org_id=${org}&work_type_id=${electrician.id}`, organiser)
  assert.ok(p.considered > 0)
  const listed = new Map([...p.ready, ...p.within_reach].map((w) => [w.worker_id, w]))
  const everyone = sqlite(app.dbFile, `SELECT w.id FROM workers w JOIN worker_work_types t ON t.worker_id = w.id AND t.work_type_id = ${electrician.id} WHERE w.org_id = ${org}`).split('\n').filter(Boolean)
  for (const id of everyone) {
    const portrait = await get(`/api/v1/workers/${id}/portrait?work_type_id=${electrician.id}`, organiser)
    const items = portrait.readiness?.items ?? []
    const mine = listed.get(id)
    if (!items.length) { assert.equal(mine, undefined); continue }
    const allMet = items.every((i) => i.status === 'met')
    if (allMet) assert.equal(mine?.stage, 'ready', `worker ${id} meets every bar`)
    else if (mine) {
      assert.equal(mine.stage, 'within_reach')
      for (const b of mine.bars) assert.ok(b.score !== null && b.score >= b.bar - 5, JSON.stringify(b))
    }
    if (mine) assert.deepEqual(mine.bars.map((b) => b.status).sort(), items.map((i) => i.status).sort(), `worker ${id}: the same bars, the same verdicts`)
  }
  const hrEnterprisePath = sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${hrOrg}`)
  if (!sqlite(app.dbFile, `SELECT path FROM orgs WHERE id = ${org}`).startsWith(hrEnterprisePath))
    await get(`/api/v1/analytics/pipeline?org_id=${org}&work_type_id=${electrician.id}`, hr, 403)
  assert.equal((await app.request('GET', `/api/v1/analytics/pipeline?org_id=${org}`, { token: organiser })).status, 400)
})

// The model of docs/portrait.md, written again from the document (as tests/api/talent/portraits.test.mjs does).
function ability(evidence, mu, tau = 1.5, now = Date.now()) {
  const obs = evidence.map((e) => ({ s: e.share, b: e.difficulty, w: e.weight * 2 ** (-Math.max(0, now - Date.parse(e.observed_at)) / 86400000 / 730) }))
  const f = (t) => obs.reduce((acc, o) => acc + o.w * (o.s - sigma(t - o.b)), 0) - (t - mu) / tau ** 2
  let lo = -20, hi = 20
  for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (f(m) > 0) lo = m; else hi = m }
  return (lo + hi) / 2
}
function peerMean(workTypeId, dimensionId) {
  const [n, w, ws, wb] = sqlite(app.dbFile, `SELECT COUNT(*), SUM(weight), SUM(weight * score), SUM(weight * difficulty) FROM evidence WHERE work_type_id = ${workTypeId} AND dimension_id = ${dimensionId}`)
    .trim().split('|').map(Number)
  if (n < 30) return 0
  const p = Math.min(0.999, Math.max(0.001, ws / w))
  return Math.log(p / (1 - p)) + wb / w
}

test("the training plan's gains are the portrait after a typical completion, and it exports to .xlsx", async () => {
  const plan = await get(`/api/v1/post-models/${template.id}/training-plan`, organiser)
  assert.ok(plan.workers.length > 0, 'the demo electricians fall short of the template somewhere')
  const gaps = await get(`/api/v1/post-models/${template.id}/gaps`, organiser)
  const byWorker = new Map(gaps.workers.map((w) => [w.worker_id, w]))
  let checked = 0
  for (const w of plan.workers) {
    assert.ok(w.courses.length <= 3)
    for (let i = 1; i < w.courses.length; i++) assert.ok(w.courses[i - 1].gap_closed / w.courses[i - 1].hours >= w.courses[i].gap_closed / w.courses[i].hours)
    const g = byWorker.get(w.worker_id)
    for (const c of w.courses) {
      // The typical completion score: the course's mean over its scored completions (80 until three exist).
      const [avg, n] = sqlite(app.dbFile, `SELECT AVG(score), COUNT(*) FROM training_records WHERE course_id = ${c.course_id} AND score IS NOT NULL AND status <> 'enrolled'`).split('|')
      assert.equal(c.basis, Number(n))
      assert.ok(Math.abs(c.expected_score - (Number(n) >= 3 ? Number(avg) : 80)) < 1e-9)
      for (const gain of c.gains) {
        const i = plan.model.targets.findIndex((t) => t.dimension_id === gain.dimension_id)
        const gap = plan.model.targets[i].target - g.scores[i].score
        assert.ok(gap > 0 && gain.gain <= gap + 1e-9, 'only where there is a gap, never past it')
        if (checked < 6) {
          const evidence = (await get(`/api/v1/workers/${w.worker_id}/evidence?work_type_id=${electrician.id}&dimension_id=${gain.dimension_id}&limit=500`, organiser)).items
          const mu = peerMean(electrician.id, gain.dimension_id)
          const before = 100 * sigma(ability(evidence, mu))
          const after = 100 * sigma(ability([...evidence, { share: c.expected_score / 100, weight: 1, difficulty: 0, observed_at: new Date().toISOString() }], mu))
          assert.ok(Math.abs(gain.gain - Math.min(after - before, gap)) < 0.05, `${gain.gain} vs ${Math.min(after - before, gap)}`)
          checked++
        }
      }
    }
  }
  assert.ok(checked > 0, 'some gains were recomputed')
  for (let i = 1; i < plan.courses.length; i++) assert.ok(plan.courses[i - 1].per_hour >= plan.courses[i].per_hour)

  const res = await fetch(`${app.base}/api/v1/post-models/${template.id}/training-plan.xlsx`, { headers: { authorization: `Bearer ${organiser}` } })
  assert.equal(res.status, 200)
  const { default: readXlsx } = await import(new URL('../../../web/node_modules/read-excel-file/node/index.js', import.meta.url).href)
  const sheets = await readXlsx(Buffer.from(await res.arrayBuffer()))
  const first = Array.isArray(sheets[0]) ? sheets : sheets[0].data
  assert.deepEqual(first[0], ['姓名', '部门', '差距合计', '推荐课程', '学时', '培训形式', '预计缩小差距'])
  assert.equal(first.length - 1, plan.workers.reduce((n, w) => n + Math.max(1, w.courses.length), 0))
  assert.ok(Number(sqlite(app.dbFile, "SELECT COUNT(*) FROM audit_log WHERE action = 'training_plan.export'")) >= 1)
  await get(`/api/v1/post-models/${copy.id}/training-plan`, worker, 403)
})
