import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber, sqlite } from '../lib/server.mjs'

const app = new Instance()
let token, enterprise, welding
before(async () => {
  app.prepare()
  await app.start()
  token = await app.login()
  const orgs = (await app.request('GET', '/api/v1/orgs', { token })).body.items
  enterprise = orgs.find((o) => o.kind === 'enterprise')
  welding = (await app.request('GET', '/api/v1/work-types', { token })).body.items.find((w) => w.name === '焊工')
})
after(async () => { await app.stop(); app.cleanup() })

const newWorker = (seq, extra = {}) => ({
  name: '测试职工' + seq, gender: 'male', employee_no: 'T-' + seq, org_id: enterprise.id, work_type_ids: [welding.id],
  skill_level: 'senior', phone: '1390000' + String(1000 + seq).slice(-4), id_number: idNumber('19880808', seq * 2 + 1), ...extra
})

test('the demo seeds organisations, work types with dimensions, and workers', async () => {
  const types = (await app.request('GET', '/api/v1/work-types', { token })).body.items
  assert.equal(types.length, 8)
  const assembly = types.find((t) => t.name === '电气装配工')
  assert.deepEqual(assembly.dimensions.map((d) => d.name), ['出光排障能力', '通电及装软件', '气路风门装调', '识图焊接接线', '电气基础知识'])
  const page = await app.request('GET', '/api/v1/workers?limit=5', { token })
  assert.equal(page.body.total, 200)
  assert.equal(page.body.items.length, 5)
})

test('create a worker: masked personal data, level history, and validation with the field named', async () => {
  const r = await app.request('POST', '/api/v1/workers', { token, body: newWorker(1) })
  assert.equal(r.status, 201)
  assert.match(r.body.phone_masked, /^139\*{4}\d{4}$/)
  assert.match(r.body.id_number_masked, /^330\*{13}\d[\dX]$/)
  assert.equal(r.body.birth_date, '1988-08-08')
  assert.equal(r.body.level_history.length, 1)
  const bad = await app.request('POST', '/api/v1/workers', { token, body: newWorker(2, { id_number: '330302198808080000' }) })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.field, 'id_number')
  const dup = await app.request('POST', '/api/v1/workers', { token, body: newWorker(1, { employee_no: 'T-other' }) })
  assert.equal(dup.status, 409)
})

test('list pages with a cursor, filters and search', async () => {
  const first = await app.request('GET', '/api/v1/workers?limit=50', { token })
  const second = await app.request('GET', `/api/v1/workers?limit=50&cursor=${first.body.next_cursor}`, { token })
  const ids = new Set([...first.body.items, ...second.body.items].map((w) => w.id))
  assert.equal(ids.size, 100)
  const byOrg = await app.request('GET', `/api/v1/workers?org_id=${enterprise.id}&limit=200`, { token })
  assert.ok(byOrg.body.items.every((w) => w.org_id === enterprise.id))
  const byLevel = await app.request('GET', '/api/v1/workers?skill_level=technician&limit=200', { token })
  assert.ok(byLevel.body.items.length > 0 && byLevel.body.items.every((w) => w.skill_level === 'technician'))
  const byName = await app.request('GET', `/api/v1/workers?q=${encodeURIComponent('测试职工1')}`, { token })
  assert.equal(byName.body.total, 1)
})

test('a retried create with the same Idempotency-Key acts once', async () => {
  const key = 'retry-' + Date.now()
  const body = newWorker(3)
  const a = await app.request('POST', '/api/v1/workers', { token, body, headers: { 'idempotency-key': key } })
  const b = await app.request('POST', '/api/v1/workers', { token, body, headers: { 'idempotency-key': key } })
  assert.equal(a.status, 201)
  assert.equal(b.status, 201)
  assert.equal(b.body.id, a.body.id)
  assert.equal(b.headers.get('idempotent-replayed'), 'true')
  const again = await app.request('GET', `/api/v1/workers?q=${encodeURIComponent('测试职工3')}`, { token })
  assert.equal(again.body.total, 1)
  const other = await app.request('POST', '/api/v1/workers', { token, body: newWorker(4), headers: { 'idempotency-key': key } })
  assert.equal(other.status, 409)
  assert.equal(other.body.error.code, 'idempotency_key_reused')
})

test('import is all or nothing, with errors per row and field', async () => {
  const before = (await app.request('GET', '/api/v1/workers?limit=1', { token })).body.total
  const rows = [
    { name: '导入甲', gender: '男', employee_no: 'IMP-1', org: enterprise.name, work_types: '焊工、电工', skill_level: '高级工', phone: '13700000001', id_number: idNumber('19900101', 501) },
    { name: '导入乙', gender: '女', employee_no: 'IMP-2', org: enterprise.code, work_types: '焊工', skill_level: '技师', phone: '13700000002', id_number: '330302199001010000' },
    { name: '导入丙', gender: '男', employee_no: 'IMP-3', org: enterprise.name, work_types: '焊工', skill_level: '中级工', phone: '13700000003', id_number: idNumber('19900101', 503) },
  ]
  const r = await app.request('POST', '/api/v1/workers/import', { token, body: { rows } })
  assert.equal(r.status, 422)
  assert.equal(r.body.error.code, 'import_invalid')
  assert.deepEqual(r.body.error.rows.map((e) => [e.row, e.field]), [[2, 'id_number']])
  assert.equal((await app.request('GET', '/api/v1/workers?limit=1', { token })).body.total, before)
  rows[1].id_number = idNumber('19900101', 502)
  rows[1].gender = ''
  const ok = await app.request('POST', '/api/v1/workers/import', { token, body: { rows } })
  assert.equal(ok.status, 200)
  assert.equal(ok.body.imported, 3)
  assert.equal((await app.request('GET', '/api/v1/workers?limit=1', { token })).body.total, before + 3)
})

test('export is an .xlsx file', async () => {
  const res = await fetch(app.base + `/api/v1/workers/export?org_id=${enterprise.id}`, { headers: { authorization: `Bearer ${token}` } })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type'), /spreadsheetml/)
  const bytes = Buffer.from(await res.arrayBuffer())
  assert.equal(bytes.subarray(0, 2).toString(), 'PK')
  assert.ok(bytes.length > 2000)
})

test('personal data is revealed only to admin/hr, and each reveal is audited', async () => {
  const w = (await app.request('GET', `/api/v1/workers?q=${encodeURIComponent('测试职工1')}`, { token })).body.items[0]
  const r = await app.request('GET', `/api/v1/workers/${w.id}/pii`, { token })
  assert.equal(r.status, 200)
  assert.equal(r.body.id_number, idNumber('19880808', 3))
  const audit = await app.request('GET', '/api/v1/audit?limit=1', { token })
  assert.equal(audit.body.items[0].action, 'worker.reveal_personal_data')
  const viewer = await app.login(app.demoAccounts.viewer.username, app.demoAccounts.viewer.password)
  assert.equal((await app.request('GET', `/api/v1/workers/${w.id}/pii`, { token: viewer })).status, 403)
})

test('level changes are kept as history', async () => {
  const w = (await app.request('GET', `/api/v1/workers?q=${encodeURIComponent('测试职工1')}`, { token })).body.items[0]
  const today = new Date().toISOString().slice(0, 10)
  const r = await app.request('POST', `/api/v1/workers/${w.id}/levels`, { token, body: { skill_level: '技师', effective_date: today, note: '竞赛晋级' } })
  assert.equal(r.status, 200)
  assert.equal(r.body.skill_level, 'technician')
  assert.equal(r.body.level_history.at(-1).note, '竞赛晋级')
  const bad = await app.request('POST', `/api/v1/workers/${w.id}/levels`, { token, body: { skill_level: '技师', effective_date: '2026-13-01' } })
  assert.equal(bad.body.error.field, 'effective_date')
  const impossible = await app.request('POST', `/api/v1/workers/${w.id}/levels`, { token, body: { skill_level: '技师', effective_date: '2025-02-31' } })
  assert.equal(impossible.status, 400, 'a date that does not exist is refused')
})

test('the eight-level ladder (新八级工): 学徒工 and 首席技师 are levels, the five old ones read as before', async () => {
  const created = await app.request('POST', '/api/v1/workers', { token, body: newWorker(9301, { skill_level: '首席技师' }) })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.equal(created.body.skill_level, 'chief_technician')
  const apprentice = await app.request('POST', '/api/v1/workers', { token, body: newWorker(9302, { skill_level: 'apprentice' }) })
  assert.equal(apprentice.body.skill_level, 'apprentice')
  const listed = (await app.request('GET', '/api/v1/workers?skill_level=chief_technician', { token })).body.items
  assert.ok(listed.some((w) => w.id === created.body.id))
  // On the day of registration (the server's today), so the change is the current level.
  const registered = (await app.request('GET', `/api/v1/workers/${apprentice.body.id}`, { token })).body.level_history[0].effective_date
  const promoted = await app.request('POST', `/api/v1/workers/${apprentice.body.id}/levels`,
    { token, body: { skill_level: '特级技师', effective_date: registered, note: '新八级工' } })
  assert.equal(promoted.status, 200, JSON.stringify(promoted.body))
  assert.equal(promoted.body.skill_level, 'special_technician')
  // The old scheme's numbers are still read as the same levels.
  assert.equal(sqlite(app.dbFile, `SELECT skill_level FROM workers WHERE id = ${created.body.id}`).trim(), '-1')
  const bad = await app.request('POST', '/api/v1/workers', { token, body: newWorker(9303, { skill_level: '九级工' }) })
  assert.equal(bad.status, 400)
  assert.match(bad.body.error.message, /学徒工\/初级工\/中级工\/高级工\/技师\/高级技师\/特级技师\/首席技师/)
})
