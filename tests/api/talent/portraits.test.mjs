// 能力画像 over HTTP on the small demo: a judge's mark becomes evidence for the entrant in the mark's own
// transaction and the portrait follows; the portrait's numbers are the documented model (docs/portrait.md)
// recomputed here, independently, from the evidence the API lists; a withdrawal takes the evidence
// away; verify-evidence finds a record edited behind the application and repairs it; one enterprise's
// HR never reads another's workers' portraits or evidence.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, sqlite } from '../lib/server.mjs'
import { pdfText, renderFirstPage } from '../lib/pdf.mjs'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// The web's own .xlsx reader (read-excel-file), an independent reader of what the server writes.
const READER = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web/node_modules/read-excel-file/node/index.js')
const readXlsx = existsSync(READER) ? (await import(pathToFileURL(READER).href)).default : null
// The rows of the first sheet, whichever shape this version of the reader answers in.
const readSheet = readXlsx && (async (bytes) => {
  const r = await readXlsx(bytes)
  const first = Array.isArray(r) && r[0] && !Array.isArray(r[0]) ? r[0] : r  // [{ sheet, data }] or the rows themselves
  return Array.isArray(first) ? first : first.data
})

const app = new Instance()
let admin, organiser, judge, hr, worker, viewer

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  const as = (role) => app.login(app.demoAccounts[role].username, app.demoAccounts[role].password)
  organiser = await as('organiser')
  judge = await as('judge')
  hr = await as('hr')
  worker = await as('worker')
  viewer = await as('viewer')
})
after(async () => { await app.stop(); app.cleanup() })

const get = async (path, token = admin, status = 200) => {
  const r = await app.request('GET', path, { token })
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}

// The model of docs/portrait.md, written again from the document: posterior mode of
// Σ wᵢ·[sᵢ log σ(θ−bᵢ) + (1−sᵢ) log(1−σ(θ−bᵢ))] − (θ−μ)²/(2τ²) with wᵢ = weightᵢ · 2^(−ageᵢ/730 days).
const sigma = (x) => 1 / (1 + Math.exp(-x))
function ability(evidence, mu, tau = 1.5, now = Date.now()) {
  const obs = evidence.map((e) => ({
    s: e.share, b: e.difficulty, w: e.weight * 2 ** (-Math.max(0, now - Date.parse(e.observed_at)) / 86400000 / 730),
  }))
  const f = (t) => obs.reduce((acc, o) => acc + o.w * (o.s - sigma(t - o.b)), 0) - (t - mu) / tau ** 2
  let lo = -20, hi = 20
  for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (f(m) > 0) lo = m; else hi = m }
  const theta = (lo + hi) / 2
  const info = obs.reduce((acc, o) => acc + o.w * sigma(theta - o.b) * (1 - sigma(theta - o.b)), 1 / tau ** 2)
  return { theta, se: 1 / Math.sqrt(info) }
}
// The peers' mean ability the prior is centred on: logit of the weighted mean share plus the weighted
// mean difficulty over every piece of the work type's evidence (dimension 0: all), from 30 pieces on.
function peerMean(workTypeId, dimensionId) {
  const where = dimensionId ? `work_type_id = ${workTypeId} AND dimension_id = ${dimensionId}` : `work_type_id = ${workTypeId}`
  const [n, w, ws, wb] = sqlite(app.dbFile, `SELECT COUNT(*), SUM(weight), SUM(weight * score), SUM(weight * difficulty) FROM evidence WHERE ${where}`)
    .trim().split('|').map(Number)
  if (n < 30) return 0
  const p = Math.min(0.999, Math.max(0.001, ws / w))
  return Math.log(p / (1 - p)) + wb / w
}

const workerOfEntry = (entryId) => Number(sqlite(app.dbFile, `SELECT worker_id FROM entry_members WHERE entry_id = ${entryId} LIMIT 1`).trim())

test('a judged mark is evidence for the entrant at once, and the portrait is the documented model of the evidence', async () => {
  // The demo's 电气装配工 event maps measured aspects to capability dimensions; the demo judge joins its panel.
  const competition = (await get('/api/v1/competitions', organiser)).items[0]
  const event = (await get(`/api/v1/competitions/${competition.id}`, organiser)).events.find((e) => e.work_type_name === '电气装配工')
  const full = await get(`/api/v1/events/${event.id}`, organiser)
  const aspect = full.components.flatMap((c) => c.aspects).find((a) => a.kind === 'measurement' && a.dimension_id)
  assert.ok(aspect, 'the demo maps a measured aspect to a dimension')
  const me = await get('/api/v1/me', judge)
  const assigned = await app.request('POST', `/api/v1/events/${event.id}/judges`, { token: organiser, body: { user_id: me.user.id } })
  assert.equal(assigned.status, 201, JSON.stringify(assigned.body))
  const task = (await get('/api/v1/judging/tasks', judge)).items.find((t) => t.event.id === event.id)
  // An entrant nobody has measured on it yet (a second, different measurement would await the chief judge).
  const measured = new Set(sqlite(app.dbFile, `SELECT entry_id FROM marks WHERE aspect_id = ${aspect.id}`).trim().split('\n'))
  const entry = task.entries.find((e) => !e.conflict && !measured.has(String(e.entry_id)))
  const workerId = workerOfEntry(entry.entry_id)

  const value = aspect.max_mark * 0.35
  const marked = await app.request('POST', '/api/v1/marks', { token: judge, body: { client_id: 'portrait-1', entry_id: entry.entry_id, aspect_id: aspect.id, value } })
  assert.equal(marked.status, 201, JSON.stringify(marked.body))

  const evidence = (await get(`/api/v1/workers/${workerId}/evidence?work_type_id=${event.work_type_id}&limit=500`)).items
  const mine = evidence.filter((e) => e.source === 'aspect' && e.context === `event:${event.id}` && e.dimension_id === aspect.dimension_id)
  assert.equal(mine.length, 1, 'one piece of evidence per entry and aspect, amended rather than added')
  assert.ok(Math.abs(mine[0].share - 0.35) < 1e-9, `the newest mark's share: ${mine[0].share}`)
  assert.equal(mine[0].weight, 3)
  assert.equal(mine[0].label, `${competition.name} · ${event.name} · ${aspect.name}`, 'the evidence names where it comes from')

  const p = await get(`/api/v1/workers/${workerId}/portrait?work_type_id=${event.work_type_id}`)
  assert.equal(p.work_type_name, '电气装配工')
  const expected = ability(evidence, peerMean(event.work_type_id))
  assert.ok(Math.abs(p.overall.theta - expected.theta) < 1e-3, `overall θ ${p.overall.theta} vs ${expected.theta}`)
  assert.ok(Math.abs(p.overall.se - expected.se) < 1e-3)
  assert.equal(p.overall.evidence, evidence.length)
  assert.ok(Math.abs(p.overall.score - 100 * sigma(expected.theta)) < 0.1)
  assert.ok(p.overall.low < p.overall.score && p.overall.score < p.overall.high)
  for (const d of p.dimensions) {
    if (d.score === null) continue  // no evidence: shown as such, never as 0
    const onIt = evidence.filter((e) => e.dimension_id === d.id)
    assert.equal(d.score.evidence, onIt.length, d.name)
    const e = ability(onIt, peerMean(event.work_type_id, d.id))
    assert.ok(Math.abs(d.score.theta - e.theta) < 1e-3, `${d.name}: θ ${d.score.theta} vs ${e.theta}`)
    assert.ok(d.score.low <= d.score.score && d.score.score <= d.score.high)
  }
  assert.ok(p.dimensions.some((d) => d.score !== null))
  assert.ok(p.rank_in_all.rank >= 1 && p.rank_in_all.rank <= p.rank_in_all.of)
  assert.ok(p.rank_in_enterprise.of <= p.rank_in_all.of)
  // The trend ends where the portrait stands now.
  assert.ok(p.trend.length >= 1)
  assert.ok(Math.abs(p.trend.at(-1).score.theta - p.overall.theta) < 1e-3)

  // Withdrawn: the entry's marks are evidence no more, and the portrait has less behind it.
  const withdrawn = await app.request('POST', `/api/v1/events/${event.id}/entries/${entry.entry_id}/withdraw`, { token: organiser, body: { reason: '因伤退赛' } })
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body))
  const after = (await get(`/api/v1/workers/${workerId}/evidence?work_type_id=${event.work_type_id}&limit=500`)).items
  assert.equal(after.filter((e) => e.context === `event:${event.id}`).length, 0)
  const p2 = await get(`/api/v1/workers/${workerId}/portrait?work_type_id=${event.work_type_id}`)
  assert.equal(p2.overall?.evidence ?? 0, after.length)
})

test('verify-evidence finds evidence edited behind the application and --repair rewrites it from the sources', async () => {
  const ok = app.cli(['verify-evidence'])
  assert.equal(ok.status, 0, ok.stdout + ok.stderr)
  assert.match(ok.stdout, /evidence OK/)
  const [id, before, key] = sqlite(app.dbFile, "SELECT id, score, source || '/' || scope_key || '/' || item_key || '/' || worker_id FROM evidence ORDER BY id LIMIT 1").trim().split('|')
  sqlite(app.dbFile, `UPDATE evidence SET score = 1 - score WHERE id = ${id}`)
  sqlite(app.dbFile, `DELETE FROM evidence WHERE id = (SELECT MAX(id) FROM evidence)`)
  const broken = app.cli(['verify-evidence'])
  assert.equal(broken.status, 1)
  assert.match(broken.stdout, /evidence DIFFERS: 1 missing, 0 not derivable, 1 different/)
  const repaired = app.cli(['verify-evidence', '--repair'])
  assert.equal(repaired.status, 0, repaired.stdout)
  assert.match(repaired.stdout, /repaired: 2 source unit/)
  assert.match(app.cli(['verify-evidence']).stdout, /evidence OK/)
  const restored = sqlite(app.dbFile, `SELECT score FROM evidence WHERE source || '/' || scope_key || '/' || item_key || '/' || worker_id = '${key}'`).trim()
  assert.ok(Math.abs(Number(restored) - Number(before)) < 1e-9, `${key}: ${restored} restored from the sources (was ${before})`)
})

test('portraits and evidence stay inside the reader\'s scope; a worker reads their own', async () => {
  const mine = await get('/api/v1/me/portrait', worker)
  const workerId = mine.worker_id
  assert.ok(mine.work_types.length > 0)
  // The demo worker's six tests, months apart: the trend has a point for each month with evidence, in order.
  assert.ok(mine.trend.length >= 5, JSON.stringify(mine.trend.map((p) => p.month)))
  assert.deepEqual(mine.trend.map((p) => p.month), [...mine.trend.map((p) => p.month)].sort())
  assert.ok(mine.trend.every((p, i) => i === 0 || p.score.evidence >= mine.trend[i - 1].score.evidence), 'evidence only accumulates')
  // The demo's HR belongs to another enterprise than the demo worker.
  const refused = await app.request('GET', `/api/v1/workers/${workerId}/portrait`, { token: hr })
  assert.equal(refused.status, 403)
  assert.equal(refused.body.error.code, 'forbidden')
  const wt = mine.work_type_id ?? mine.work_types[0].id
  assert.equal((await app.request('GET', `/api/v1/workers/${workerId}/evidence?work_type_id=${wt}`, { token: hr })).status, 403)
  // Another worker's portrait is not the worker's to read.
  const other = Number(sqlite(app.dbFile, `SELECT id FROM workers WHERE id <> ${workerId} ORDER BY id LIMIT 1`).trim())
  assert.equal((await app.request('GET', `/api/v1/workers/${other}/portrait`, { token: worker })).status, 403)
  // Inside their scope the same reads answer; the viewer sees the union's workers.
  assert.equal((await app.request('GET', `/api/v1/workers/${workerId}/portrait`, { token: viewer })).status, 200)
  assert.equal((await app.request('GET', `/api/v1/workers/${workerId}/evidence`, { token: admin })).status, 400, 'work_type_id is required')
  assert.equal((await app.request('GET', '/api/v1/workers/999999/portrait', { token: admin })).status, 404)
  assert.equal((await app.request('GET', `/api/v1/workers/${workerId}/portrait?work_type_id=abc`, { token: admin })).status, 400)
})

test('the worker downloads the portrait as a one-page PDF that says what the page says', async () => {
  const p = await get('/api/v1/me/portrait', worker)
  const res = await fetch(`${app.base}/api/v1/me/portrait.pdf`, { headers: { authorization: `Bearer ${worker}` } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  assert.match(res.headers.get('content-disposition'), /attachment; .*filename\*=UTF-8''%E8%83%BD%E5%8A%9B%E7%94%BB%E5%83%8F\.pdf/)
  const bytes = Buffer.from(await res.arrayBuffer())
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  // Read back by poppler, not by us: the title, the worker, the overall score and band, every dimension.
  const text = pdfText(bytes)
  assert.ok(text.includes('能力画像报告'))
  assert.ok(text.includes(p.worker_name))
  assert.ok(text.includes(`95%区间${Math.round(p.overall.low)}–${Math.round(p.overall.high)}`), text.slice(0, 300))
  assert.ok(text.includes(String(Math.round(p.overall.score))))
  for (const d of p.dimensions) {
    assert.ok(text.includes(d.name.replace(/\s+/g, '')), d.name)
    if (!d.score) assert.ok(text.includes('暂无证据'))
    if (d.weakness) assert.ok(text.includes('建议作为培训重点'), `${d.name} is read as a weakness`)
  }
  const page = renderFirstPage(bytes)
  assert.ok(page.height > page.width, 'A4 portrait')
  assert.ok(page.inkedShare > 0.02, 'something is drawn (radar, table)')
  // Staff download the same report; outside their scope they are refused.
  const forAdmin = await fetch(`${app.base}/api/v1/workers/${p.worker_id}/portrait.pdf`, { headers: { authorization: `Bearer ${admin}` } })
  assert.equal(forAdmin.status, 200)
  const forHr = await fetch(`${app.base}/api/v1/workers/${p.worker_id}/portrait.pdf`, { headers: { authorization: `Bearer ${hr}` } })
  assert.equal(forHr.status, 403)
})

test('the career timeline lists the worker\'s exams, competitions and level changes, newest first, inside the reader\'s scope', async () => {
  const me = await get('/api/v1/me', worker)
  const id = me.user.worker_id
  const items = (await get(`/api/v1/workers/${id}/timeline`, worker)).items
  const dates = items.map((i) => i.date)
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first')
  const exams = items.filter((i) => i.kind === 'exam')
  const sat = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM exam_sessions WHERE worker_id = ${id} AND status = 'submitted'`).trim())
  assert.equal(exams.length, sat)
  assert.ok(exams.every((e) => /^得分 [\d.]+ \/ [\d.]+，(合格|未合格)$|^待阅卷$/.test(e.detail) && /^exam:\d+$/.test(e.context)), JSON.stringify(exams[0]))
  const levels = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM level_history WHERE worker_id = ${id}`).trim())
  assert.equal(items.filter((i) => i.kind === 'level').length, levels)
  // A worker entered in the demo competition has it on the timeline.
  const entrant = Number(sqlite(app.dbFile, 'SELECT worker_id FROM entry_members LIMIT 1').trim())
  assert.ok((await get(`/api/v1/workers/${entrant}/timeline`)).items.some((i) => i.kind === 'competition' && /^event:\d+$/.test(i.context)))
  assert.equal((await app.request('GET', `/api/v1/workers/${id}/timeline`, { token: hr })).status, 403)
  assert.equal((await app.request('GET', `/api/v1/workers/${entrant}/timeline`, { token: worker })).status, entrant === id ? 200 : 403)
})

test('a practice attempt is evidence too, each item worth half an exam item', async () => {
  const electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
  const levels = (await get(`/api/v1/practice/levels?work_type_id=${electrician.id}`, worker)).items
  const attempt = (await app.request('POST', `/api/v1/practice/levels/${levels[0].id}/attempts`, { token: worker })).body
  const done = await app.request('POST', `/api/v1/practice/attempts/${attempt.attempt_id}/submit`, { token: worker, body: { answers: [], seconds: 20 } })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  const me = await get('/api/v1/me', worker)
  const items = (await get(`/api/v1/workers/${me.user.worker_id}/evidence?work_type_id=${electrician.id}&limit=500`, worker)).items
    .filter((e) => e.source === 'practice_item')
  assert.equal(items.length, attempt.questions.length)
  assert.ok(items.every((e) => e.weight === 0.5 && e.share === 0 && /^网上练兵/.test(e.label)))
  assert.match(app.cli(['verify-evidence']).stdout, /evidence OK/)
})

test('organisers set the bars of each level; the portrait says where the worker meets the next level\'s bar, falls short, or cannot yet tell', async () => {
  const electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
  const bars = (await get(`/api/v1/work-types/${electrician.id}/level-bars`, viewer)).items
  assert.deepEqual(bars.map((b) => b.skill_level),
    ['junior', 'intermediate', 'senior', 'technician', 'senior_technician', 'special_technician', 'chief_technician'], 'the demo sets every level above 学徒工')
  assert.equal(bars[0].bars[0].dimension_id, null, 'the overall bar first')
  // Validation and permissions.
  const put = (token, body) => app.request('PUT', `/api/v1/work-types/${electrician.id}/level-bars`, { token, body })
  assert.equal((await put(hr, { skill_level: 'senior', bars: [] })).status, 403)
  assert.equal((await put(organiser, { skill_level: '九级工', bars: [] })).body.error.field, 'skill_level')
  assert.equal((await put(organiser, { skill_level: 'senior', bars: [{ bar: 101 }] })).body.error.field, 'bars[0].bar')
  assert.equal((await put(organiser, { skill_level: 'senior', bars: [{ bar: 50 }, { bar: 60 }] })).body.error.field, 'bars[1].dimension_id')
  const otherDim = (await get('/api/v1/work-types')).items.find((w) => w.name === '焊工').dimensions[0].id
  assert.equal((await put(organiser, { skill_level: 'senior', bars: [{ dimension_id: otherDim, bar: 50 }] })).body.error.field, 'bars[0].dimension_id')

  // The demo worker's next level gets bars that make each status appear, from the worker's own bands.
  const p = await get('/api/v1/me/portrait', worker)
  const next = p.readiness.skill_level
  const withScore = p.dimensions.filter((d) => d.score)
  const [high, low, mid] = [withScore[0], withScore.at(-1), withScore[1]]
  const newBars = [
    { dimension_id: null, bar: Math.max(0, p.overall.low - 1) },
    { dimension_id: high.id, bar: Math.max(0, high.score.low - 1) },  // met
    { dimension_id: low.id, bar: Math.min(100, low.score.high + 1) },  // short
    { dimension_id: mid.id, bar: mid.score.score },                    // open: inside the band
  ]
  const saved = await put(organiser, { skill_level: next, bars: newBars })
  assert.equal(saved.status, 200, JSON.stringify(saved.body))
  const r = (await get('/api/v1/me/portrait', worker)).readiness
  assert.equal(r.skill_level, next)
  const statusOf = (id) => r.items.find((i) => i.dimension_id === id).status
  assert.equal(r.items[0].dimension_id, null, 'the overall bar first')
  assert.equal(r.items[0].status, 'met')
  assert.equal(statusOf(high.id), 'met')
  assert.equal(statusOf(low.id), 'short')
  assert.equal(statusOf(mid.id), 'open')
  assert.equal(r.items.length, 4)
  // The audit records the change; an empty list removes the level's bars.
  assert.ok(Number(sqlite(app.dbFile, "SELECT COUNT(*) FROM audit_log WHERE action = 'work_type.level_bars'").trim()) >= 6)
  assert.equal((await put(organiser, { skill_level: next, bars: [] })).status, 200)
  assert.equal((await get('/api/v1/me/portrait', worker)).readiness, null)
})

test('talent search finds the workers whose portraits and records meet every filter, inside the searcher\'s scope', async () => {
  const electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
  const [d1, d2] = electrician.dimensions
  const search = (token, query) => app.request('GET', `/api/v1/talent/search?work_type_id=${electrician.id}&limit=200${query}`, { token })
  const all = (await search(admin, '')).body
  const portraits = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM portrait_scores WHERE work_type_id = ${electrician.id} AND dimension_id = 0`).trim())
  assert.equal(all.total, portraits, 'every worker with a portrait of the work type, for the admin')
  assert.deepEqual(all.items.map((h) => h.overall), [...all.items.map((h) => h.overall)].sort((a, b) => b - a), 'strongest first')

  // Two dimension filters and a level: each hit checked against its own portrait.
  const found = (await search(admin, `&dims=${d1.id}:40,${d2.id}:30&min_level=junior`)).body
  assert.ok(found.total > 0 && found.total < all.total, `${found.total} of ${all.total}`)
  for (const h of found.items.slice(0, 10)) {
    const p = await get(`/api/v1/workers/${h.worker_id}/portrait?work_type_id=${electrician.id}`)
    assert.ok(p.dimensions.find((d) => d.id === d1.id).score.score >= 40 - 1e-9)
    assert.ok(p.dimensions.find((d) => d.id === d2.id).score.score >= 30 - 1e-9)
    assert.ok(Math.abs(p.overall.score - h.overall) < 1e-6)
  }
  // Nobody left out: the count equals the portraits that meet both filters (plain SQL on the stored abilities).
  const logit = (s) => Math.log(s / (1 - s))
  const expected = Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM portrait_scores a JOIN portrait_scores b ON b.worker_id = a.worker_id AND b.work_type_id = a.work_type_id
    JOIN workers w ON w.id = a.worker_id
    WHERE a.work_type_id = ${electrician.id} AND a.dimension_id = ${d1.id} AND a.theta >= ${logit(0.4)} AND b.dimension_id = ${d2.id} AND b.theta >= ${logit(0.3)} AND w.skill_level <= 5`).trim())
  assert.equal(found.total, expected)

  // Scope: the demo HR sees only their enterprise's workers; a worker may not search.
  const hrHits = (await search(hr, '')).body
  const hrOrg = (await get('/api/v1/me', hr)).user.grants[0].org_id
  for (const h of hrHits.items) assert.equal(Number(sqlite(app.dbFile, `SELECT org_id FROM workers WHERE id = ${h.worker_id}`).trim()), Number(hrOrg))
  assert.ok(hrHits.total < all.total)
  assert.equal((await search(worker, '')).status, 403)
  // Bad input is named.
  assert.equal((await search(admin, '&dims=abc')).body.error.field, 'dims')
  assert.equal((await search(admin, `&dims=${d1.id}:120`)).body.error.field, 'dims')
  assert.equal((await search(admin, '&min_level=九级工')).body.error.field, 'min_level')
  assert.equal((await search(admin, '&max_age=5')).body.error.field, 'max_age')
  // A number outside int's range, or a fraction, is refused before it becomes an age.
  assert.equal((await search(admin, '&max_age=1e300')).body.error.field, 'max_age')
  assert.equal((await search(admin, '&max_age=30.5')).body.error.field, 'max_age')
  assert.equal((await search(admin, '&min_overall=nan')).body.error.field, 'min_overall')
  assert.equal((await search(admin, `&dims=${d1.id}:inf`)).body.error.field, 'dims')
  assert.equal((await search(admin, '&max_age=40')).status, 200)
  // Honours: holders of any honour, or of one kind, exactly those (the demo names a few electricians).
  const honoured = (await search(admin, '&honour=any')).body
  assert.equal(honoured.total, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM portrait_scores p WHERE p.work_type_id = ${electrician.id} AND p.dimension_id = 0 AND EXISTS (SELECT 1 FROM honours h WHERE h.worker_id = p.worker_id)`)))
  assert.ok(honoured.total > 0)
  for (const h of honoured.items) assert.equal(h.honours, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM honours WHERE worker_id = ${h.worker_id}`)))
  const experts = (await search(admin, '&honour=technical_expert')).body
  assert.equal(experts.total, Number(sqlite(app.dbFile, `SELECT COUNT(*) FROM portrait_scores p WHERE p.work_type_id = ${electrician.id} AND p.dimension_id = 0 AND EXISTS (SELECT 1 FROM honours h WHERE h.worker_id = p.worker_id AND h.kind = 'technical_expert')`)))
  assert.equal((await search(admin, '&honour=nobel')).body.error.field, 'honour')
  assert.equal((await app.request('GET', '/api/v1/talent/search', { token: admin })).body.error.field, 'work_type_id')
  const welder = (await get('/api/v1/work-types')).items.find((w) => w.name === '焊工')
  assert.equal((await search(admin, `&dims=${welder.dimensions[0].id}:10`)).body.error.field, 'dims')
})

test('the search result exports to .xlsx — the same rows, no ID or phone numbers, audited, inside the scope', { skip: readSheet ? false : 'web/node_modules/read-excel-file is not installed' }, async () => {
  const electrician = (await get('/api/v1/work-types')).items.find((w) => w.name === '电工')
  const d1 = electrician.dimensions[0]
  const query = `work_type_id=${electrician.id}&dims=${d1.id}:30`
  const json = await get(`/api/v1/talent/search?${query}&limit=200`)
  const download = async (token) => fetch(`${app.base}/api/v1/talent/search.xlsx?${query}`, { headers: { authorization: `Bearer ${token}` } })
  const res = await download(admin)
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%E4%BA%BA%E6%89%8D%E6%90%9C%E7%B4%A2\.xlsx/)
  const rows = await readSheet(Buffer.from(await res.arrayBuffer()))
  assert.deepEqual(rows[0], ['姓名', '单位', '技能等级', '出生年份', '综合能力', d1.name, '获奖次数', '荣誉'])
  assert.equal(rows.length - 1, json.total)
  assert.deepEqual(rows.slice(1).map((r) => [r[0], String(r[4])]), json.items.map((h) => [h.name, String(Math.round(h.overall))]))
  const text = JSON.stringify(rows)
  assert.doesNotMatch(text, /\d{17}[\dX]|1[3-9]\d{9}/, 'no ID or phone numbers')
  const audit = sqlite(app.dbFile, "SELECT detail FROM audit_log WHERE action = 'talent.export' ORDER BY seq DESC LIMIT 1").trim()
  assert.equal(JSON.parse(audit).rows, json.total)
  // The HR's export holds only their enterprise; a worker gets none.
  const hrRows = await readSheet(Buffer.from(await (await download(hr)).arrayBuffer()))
  const hrJson = (await app.request('GET', `/api/v1/talent/search?${query}&limit=200`, { token: hr })).body
  assert.equal(hrRows.length - 1, hrJson.total)
  assert.equal((await download(worker)).status, 403)
})

test('calibrate-items estimates difficulties from the answers and rewrites the evidence that reads them', async () => {
  const run = app.cli(['calibrate-items'])
  assert.equal(run.status, 0, run.stderr)
  const [, answered, calibrated] = /items: (\d+) answered in exams, (\d+) with at least 30 answers calibrated/.exec(run.stdout) ?? []
  assert.ok(Number(answered) > 0, run.stdout)
  assert.equal(Number(calibrated), Number(sqlite(app.dbFile, 'SELECT COUNT(*) FROM question_calibration')))
  // The stored evidence is what the sources derive with the new difficulties: nothing left to repair.
  assert.match(app.cli(['verify-evidence']).stdout, /evidence OK/)
  if (Number(calibrated) > 0) {
    // An item's evidence reads its question's calibrated difficulty (the paper says which question).
    const [qid, b] = sqlite(app.dbFile, 'SELECT question_id, difficulty FROM question_calibration LIMIT 1').split('|')
    const sessions = sqlite(app.dbFile, `SELECT s.id, x.paper FROM exam_sessions s JOIN exam_candidates x ON x.exam_id = s.exam_id AND x.worker_id = s.worker_id WHERE s.status = 'submitted'`)
      .split('\n').map((l) => [l.slice(0, l.indexOf('|')), JSON.parse(l.slice(l.indexOf('|') + 1))])
    const [sid, paper] = sessions.find(([, p]) => p.items.some((i) => String(i.q) === qid))
    const index = paper.items.findIndex((i) => String(i.q) === qid)
    const stored = sqlite(app.dbFile, `SELECT difficulty FROM evidence WHERE source = 'exam_item' AND scope_key = 'session:${sid}' AND item_key = 'item:${index}'`)
    if (stored) assert.ok(Math.abs(Number(stored) - Number(b)) < 1e-9, `${stored} vs ${b}`)
  }
})
