import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber, sqlite } from '../lib/server.mjs'

const instances = []
after(async () => { for (const i of instances) { await i.stop('SIGKILL'); i.cleanup() } })
function fresh() { const i = new Instance(); instances.push(i); return i }

test('verify-audit passes on an intact log and names the entry a sqlite3 edit broke', async () => {
  const app = fresh().prepare()
  let r = app.cli(['verify-audit'])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /audit chain OK: \d+ entries/)
  sqlite(app.dbFile, "UPDATE audit_log SET detail = '{\"tampered\":1}' WHERE seq = 5")
  r = app.cli(['verify-audit'])
  assert.equal(r.status, 1)
  assert.match(r.stdout, /BROKEN at entry 5\b/)
  await app.start()
  const token = await app.login()
  const v = await app.request('GET', '/api/v1/audit/verify', { token })
  assert.equal(v.body.ok, false)
  assert.equal(v.body.first_bad_seq, 5)
})

test('personal data cannot be read from a copied database file', async () => {
  const app = fresh().prepare({ demo: false })
  await app.start()
  const token = await app.login()
  const orgs = (await app.request('GET', '/api/v1/orgs', { token })).body.items
  const ent = await app.request('POST', '/api/v1/orgs', { token, body: { name: '密封测试公司', kind: 'enterprise', parent_id: orgs[0].id } })
  const id = idNumber('19770707', 77)
  const w = await app.request('POST', '/api/v1/workers', { token, body: { name: '隐私', employee_no: 'P-1', org_id: ent.body.id, skill_level: 'junior', phone: '13912345678', id_number: id } })
  assert.equal(w.status, 201)
  await app.stop()
  const dump = sqlite(app.dbFile, '.dump')
  assert.ok(!dump.includes(id) && !dump.includes('13912345678'))
})

test('an acknowledged write survives kill -9', async () => {
  const app = fresh().prepare({ demo: false })
  await app.start()
  const token = await app.login()
  const root = (await app.request('GET', '/api/v1/orgs', { token })).body.items[0].id
  const r = await app.request('POST', '/api/v1/orgs', { token, body: { name: '持久化测试', kind: 'enterprise', parent_id: root } })
  assert.equal(r.status, 201)
  await app.stop('SIGKILL')
  await app.start()
  const t2 = await app.login()
  const orgs = (await app.request('GET', '/api/v1/orgs', { token: t2 })).body.items
  assert.ok(orgs.some((o) => o.name === '持久化测试'))
})

test('kill -9 during an import leaves all rows or none', async () => {
  const app = fresh().prepare({ demo: false })
  await app.start()
  const token = await app.login()
  const root = (await app.request('GET', '/api/v1/orgs', { token })).body.items[0].id
  const ent = (await app.request('POST', '/api/v1/orgs', { token, body: { name: '导入崩溃测试', kind: 'enterprise', parent_id: root } })).body
  const rows = []
  for (let i = 0; i < 8000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0'), month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')
    rows.push({ name: '批量' + i, employee_no: 'B-' + i, org: ent.name, skill_level: '初级工', phone: '137' + String(10000000 + i), id_number: idNumber(`1980${month}${day}`, Math.floor(i / 336)) })
  }
  const pending = app.request('POST', '/api/v1/workers/import', { token, body: { rows } }).catch(() => null)
  await new Promise((r) => setTimeout(r, 300))
  await app.stop('SIGKILL')
  await pending
  await app.start()
  const t2 = await app.login()
  const total = (await app.request('GET', `/api/v1/workers?org_id=${ent.id}&limit=1`, { token: t2 })).body.total
  assert.ok(total === 0 || total === rows.length, `found ${total} of ${rows.length} rows`)
  assert.equal(app.cli(['verify-audit']).status, 0)
})

test('SIGTERM lets a request in flight finish', async () => {
  const app = fresh().prepare({ demo: false })
  await app.start()
  const token = await app.login()
  const root = (await app.request('GET', '/api/v1/orgs', { token })).body.items[0].id
  const ent = (await app.request('POST', '/api/v1/orgs', { token, body: { name: '优雅停机测试', kind: 'enterprise', parent_id: root } })).body
  const rows = []
  for (let i = 0; i < 6000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0'), month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')
    rows.push({ name: '停机' + i, employee_no: 'S-' + i, org: ent.name, skill_level: '初级工', phone: '136' + String(10000000 + i), id_number: idNumber(`1981${month}${day}`, Math.floor(i / 336)) })
  }
  const pending = app.request('POST', '/api/v1/workers/import', { token, body: { rows } })
  await new Promise((r) => setTimeout(r, 150))
  const exit = app.stop('SIGTERM')
  const r = await pending
  assert.equal(r.status, 200)
  assert.equal(r.body.imported, rows.length)
  assert.equal((await exit).code, 0)
})

test('no acknowledged mark is lost to kill -9, and a mark changed behind the application is named by verify-audit', async () => {
  const app = fresh().prepare()
  await app.start()
  const judge = await app.login(app.demoAccounts.judge.username, app.demoAccounts.judge.password)
  const task = (await app.request('GET', '/api/v1/judging/tasks', { token: judge })).body.items[0]
  const aspect = task.event.components.flatMap((c) => c.aspects).find((a) => a.kind === 'judgement')
  const entries = task.entries.filter((e) => !e.conflict)
  // 60 marks in flight at once; the server is killed while they arrive.
  const sent = Array.from({ length: 60 }, (_, i) => ({ client_id: `crash-${i}`, entry_id: entries[i % entries.length].entry_id, aspect_id: aspect.id, value: i % 4 }))
  const acknowledged = []
  const requests = sent.map((m) => app.request('POST', '/api/v1/marks', { token: judge, body: m })
    .then((r) => { if (r.status === 201) acknowledged.push(m) }, () => {}))
  while (acknowledged.length < 10) await new Promise((r) => setTimeout(r, 5))
  await app.stop('SIGKILL')
  await Promise.all(requests)
  assert.ok(acknowledged.length >= 10)
  await app.start()
  for (const m of acknowledged) {
    const row = sqlite(app.dbFile, `SELECT value FROM marks WHERE client_id = '${m.client_id}'`).trim()
    assert.equal(Number(row), m.value, `acknowledged ${m.client_id} is in the mark log`)
  }
  const ok = app.cli(['verify-audit'])
  assert.equal(ok.status, 0, ok.stdout)
  assert.match(ok.stdout, /mark log OK/)

  // An edit with sqlite3 leaves the hash chain intact but no longer matches the mark's audit record.
  const seq = sqlite(app.dbFile, `SELECT seq FROM marks WHERE client_id = '${acknowledged[0].client_id}'`).trim()
  sqlite(app.dbFile, `UPDATE marks SET value = 3 - value WHERE seq = ${seq}`)
  const broken = app.cli(['verify-audit'])
  assert.equal(broken.status, 1)
  assert.match(broken.stdout, new RegExp(`altered\\t评分 #${seq} `))
  const admin = await app.login()
  const v = (await app.request('GET', '/api/v1/audit/verify', { token: admin })).body
  assert.equal(v.ok, false)
  assert.deepEqual(v.mark_problems.map((p) => [p.seq, p.code]), [[Number(seq), 'altered']])
})
