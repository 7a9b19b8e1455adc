// Regression tests for the holes an outside probe of `make run` found (issue 11): each test failed
// before its fix. docs/security.md lists the threat model these tests hold.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { mkdirSync, writeFileSync, symlinkSync, rmSync, readFileSync, statfsSync, mkdtempSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Instance, idNumber, sqlite } from './lib/server.mjs'

const app = new Instance()
const tokens = {}
let web

before(async () => {
  app.prepare()
  web = join(app.dir, 'web')
  mkdirSync(join(web, 'assets'), { recursive: true })
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>SkillBrain</title>')
  writeFileSync(join(web, 'assets', 'app-1.js'), 'console.log(1)')
  writeFileSync(join(app.dir, 'outside.txt'), 'SECRET-OUTSIDE-THE-WEB-ROOT')
  symlinkSync(join(app.dir, 'outside.txt'), join(web, 'assets', 'escape.js'))
  symlinkSync(app.dir, join(web, 'up'))
  await app.start(['--web', web])
  tokens.admin = await app.login()
  for (const role of ['organiser', 'judge', 'hr', 'viewer']) {
    const a = app.demoAccounts[role]
    tokens[role] = await app.login(a.username, a.password)
  }
})
after(async () => { await app.stop(); app.cleanup() })

/** One request with the target exactly as written (fetch would normalise `//` and `/./`). */
function rawGet(target, { localAddress } = {}) {
  const url = new URL(app.base)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress }, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`)
    })
    const chunks = []
    socket.on('data', (d) => chunks.push(d))
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      resolve({ status: Number(text.slice(9, 12)), text })
    })
    socket.on('error', reject)
  })
}

test('static files never leave the web root: absolute, empty-segment, dot, encoded and symlinked paths are 404', async () => {
  const passwd = readFileSync('/etc/passwd', 'latin1').split('\n')[0]
  for (const target of ['//etc/passwd', '///etc/passwd', '/%2fetc/passwd', '/%2Fetc%2Fpasswd', '//etc/shadow',
    '/./index.html', '/assets/./app-1.js', '/assets//app-1.js', '/%2e%2e/outside.txt', '/../outside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt', '/%5c..%5coutside.txt', '/assets%5c..%5c..%5coutside.txt', '/index.html%00.js',
    '/assets/escape.js', '/up/outside.txt', '/up/skillbrain.db', '/up/secret.key']) {
    const r = await rawGet(target)
    assert.equal(r.status, 404, `${target} → ${r.status}`)
    assert.ok(!r.text.includes(passwd) && !r.text.includes('root:'), `${target} leaked /etc/passwd`)
    assert.ok(!r.text.includes('SECRET-OUTSIDE'), `${target} leaked a file outside the web root`)
    assert.ok(!r.text.includes('SQLite format'), `${target} leaked the database`)
  }
  // What belongs to the app is still served.
  assert.equal((await rawGet('/assets/app-1.js')).status, 200)
  assert.equal((await rawGet('/workers/12')).status, 200)
  assert.equal((await rawGet('/assets/missing-1.js')).status, 404, 'a missing asset is not answered with the page')
})

test('the static-file cache holds files by their real path, notices changes and drops deleted files', async () => {
  const file = join(web, 'assets', 'changing.txt')
  writeFileSync(file, 'first version')
  assert.match((await rawGet('/assets/changing.txt')).text, /first version/)
  writeFileSync(file, 'second version, longer')
  assert.match((await rawGet('/assets/changing.txt')).text, /second version/)
  rmSync(file)
  const gone = await rawGet('/assets/changing.txt')
  assert.equal(gone.status, 404)
  assert.ok(!gone.text.includes('version'), 'a deleted file is not served from the cache')
  // A large file fetched many times under different spellings does not grow the server. (Before, each
  // absolute spelling of the file, //<web root>/big.bin, ///…, was served and cached anew.)
  writeFileSync(join(web, 'big.bin'), Buffer.alloc(24 << 20, 7))
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.child.pid}/status`, 'utf8'))[1]) * 1024
  assert.equal((await rawGet('/big.bin')).status, 200)
  const start = rss()
  for (let i = 1; i <= 8; i++) assert.equal((await rawGet('/'.repeat(i + 1) + join(web, 'big.bin').slice(1))).status, 404)
  for (let i = 0; i < 4; i++) assert.equal((await rawGet('/big.bin')).status, 200)
  assert.ok(rss() - start < 64 << 20, `the server grew by ${(rss() - start) >> 20} MB`)
  rmSync(join(web, 'big.bin'))
})

// The attack: a mask that hides only the birth date, next to a view that shows the birth date.
function recover(worker) {
  const m = worker.id_number_masked
  if (!worker.birth_date || !/^\d{6}\*{8}\d{3}[\dX]$/.test(m)) return null
  return m.slice(0, 6) + worker.birth_date.replaceAll('-', '') + m.slice(14)
}

test('no view a low role gets lets masked ID numbers be recomputed; the birth date only goes with the whole number', async () => {
  const all = []
  for (let cursor = null, page = 0; page < 20; page++) {
    const r = await app.request('GET', `/api/v1/workers?limit=200${cursor ? `&after=${cursor}` : ''}`, { token: tokens.viewer })
    assert.equal(r.status, 200)
    all.push(...r.body.items)
    cursor = r.body.next_cursor
    if (!cursor) break
  }
  assert.ok(all.length >= 50, `${all.length} workers visible to the viewer`)
  const details = []
  for (const w of all.slice(0, 20)) details.push((await app.request('GET', `/api/v1/workers/${w.id}`, { token: tokens.viewer })).body)
  let recovered = 0
  for (const w of [...all, ...details]) {
    assert.equal(w.birth_date, null, 'a viewer sees no birth date')
    assert.ok(w.birth_year > 1900, 'the birth year is shown instead')
    assert.match(w.id_number_masked, /^\d{3}\*{13}[\dX]{2}$/)
    if (recover(w)) ++recovered
  }
  assert.equal(recovered, 0)
  // HR may see the whole number (audited), and so the birth date; the number agrees with it.
  const hrList = (await app.request('GET', '/api/v1/workers?limit=5', { token: tokens.hr })).body.items
  assert.ok(hrList.length > 0)
  for (const w of hrList) {
    assert.match(w.birth_date, /^\d{4}-\d{2}-\d{2}$/)
    const pii = (await app.request('GET', `/api/v1/workers/${w.id}/pii`, { token: tokens.hr })).body
    assert.equal(pii.id_number.slice(6, 14), w.birth_date.replaceAll('-', ''))
    assert.equal(pii.id_number.slice(0, 3) + '*'.repeat(13) + pii.id_number.slice(16), w.id_number_masked)
  }
})

test('blind marking: no board, public or a judge\'s, joins an entry id or code to a name', async () => {
  const tasks = (await app.request('GET', '/api/v1/judging/tasks', { token: tokens.judge })).body.items
  assert.ok(tasks.length > 0, 'the demo judge has tasks')
  const task = tasks[0]
  const entryIds = task.entries.map((e) => e.entry_id)
  const codes = new Set(task.entries.map((e) => e.entry_code))
  assert.ok(entryIds.length > 0)
  const boardId = `e${task.event.id}`
  for (const token of [undefined, tokens.judge]) {
    const board = await app.request('GET', `/api/v1/boards/${boardId}`, { token })
    assert.equal(board.status, 200)
    for (const row of board.body.rows) {
      assert.equal(row.entry_id, undefined, 'no entry id on a board row')
      assert.ok(!entryIds.includes(row.row_id), 'the public row id is not the entry id')
      assert.ok(!codes.has(row.row_id))
      assert.ok(/^r[0-9a-f]{16}$/.test(row.row_id), row.row_id)
    }
    for (const item of board.body.ticker || []) assert.equal(item.entry_id, undefined, 'no entry id in the ticker')
    for (const id of entryIds.slice(0, 5)) {
      const one = await app.request('GET', `/api/v1/boards/${boardId}/rows/${id}`, { token })
      assert.equal(one.status, 404, 'rows cannot be looked up by entry id')
    }
  }
  // The judge's own lists say nothing that leads from a code to a person or an organisation.
  // (The demo judge may not list entries at all; one who may sees them blind.)
  const listed = await app.request('GET', `/api/v1/events/${task.event.id}/entries`, { token: tokens.judge })
  assert.ok([200, 403].includes(listed.status), JSON.stringify(listed.body))
  for (const e of listed.body.items || []) {
    assert.equal(e.worker_name, '')
    assert.equal(e.org_id, null)
    assert.equal(e.worker_id, null)
    assert.equal(e.board_row_id, null)
  }
  const standings = (await app.request('GET', `/api/v1/events/${task.event.id}/standings`, { token: tokens.judge })).body.items
  for (const r of standings) {
    assert.equal(r.entry.org_id, null)
    assert.equal(r.entry.board_row_id, null)
  }
  // The organiser, who sees identities anyway, can tell which row is whose.
  const organiserView = (await app.request('GET', `/api/v1/events/${task.event.id}/entries`, { token: tokens.admin })).body.items
  assert.ok(organiserView.every((e) => e.status === 'withdrawn' || /^r[0-9a-f]{16}$/.test(e.board_row_id)))
})

test('numbers stay within domain bounds and JSON never carries Infinity', async () => {
  const wts = (await app.request('GET', '/api/v1/work-types', { token: tokens.admin })).body.items
  const elec = wts.find((w) => w.name === '电工')
  const huge = await app.request('POST', '/api/v1/exams', {
    token: tokens.admin,
    body: { title: '无穷大', work_type_id: elec.id, duration_minutes: 30, pass_percent: 60,
      opens_at: '2026-01-01T00:00:00Z', closes_at: '2027-01-01T00:00:00Z',
      paper: { mode: 'blueprint', rows: [{ type: 'true_false', count: 1, marks_each: 1e308 }] } }
  })
  assert.ok([400, 422].includes(huge.status), `marks_each 1e308 → ${huge.status} ${JSON.stringify(huge.body)}`)
  assert.match(JSON.stringify(huge.body.error), /marks_too_large|marks_each/)
  const list = await app.request('GET', '/api/v1/exams', { token: tokens.admin })
  assert.equal(list.status, 200)
  assert.ok(!/Infinity|1e99999|1E99999/i.test(list.text), 'no non-finite number in GET /exams')
  const question = await app.request('POST', '/api/v1/questions', {
    token: tokens.admin,
    body: { type: 'single_choice', work_type_id: elec.id, stem: '分值过大的单选题', marks: 1e300,
      options: [{ text: '甲', correct: true }, { text: '乙' }] }
  })
  assert.ok([400, 422].includes(question.status), `question marks 1e300 → ${question.status}`)
  assert.match(JSON.stringify(question.body.error), /marks_too_large/)
})

test('a mark is stored exactly as a multiple of its step (1e-320 on a 0.5 step is 0)', async () => {
  const tasks = (await app.request('GET', '/api/v1/judging/tasks', { token: tokens.judge })).body.items
  for (const task of tasks) {
    const aspects = task.event.components
      .filter((c) => !task.component_id || c.id === task.component_id)
      .flatMap((c) => c.aspects)
      .filter((a) => a.kind === 'measurement' && !(a.bands || []).length && a.step === 0.5)
      .filter((a) => !task.aspect_ids.length || task.aspect_ids.includes(a.id))
    const entry = task.entries.find((e) => !e.conflict && e.status !== 'withdrawn')
    if (!aspects.length || !entry) continue
    const clientId = `tiny-${Date.now()}`
    const r = await app.request('POST', '/api/v1/marks', { token: tokens.judge, body: { client_id: clientId, entry_id: entry.entry_id, aspect_id: aspects[0].id, value: 1e-320 } })
    if (r.status === 409 || r.status === 403) continue  // locked or not this judge's part: try the next task
    assert.equal(r.status, 201, JSON.stringify(r.body))
    assert.equal(sqlite(app.dbFile, `SELECT quote(value) FROM marks WHERE client_id = '${clientId}'`), '0.0')
    const again = await app.request('POST', '/api/v1/marks', { token: tokens.judge, body: { client_id: clientId, entry_id: entry.entry_id, aspect_id: aspects[0].id, value: 1e-320 } })
    assert.equal(again.status, 200, 'a retry is still recognised as the same mark')
    assert.equal(again.body.replayed, true)
    return
  }
  assert.fail('no markable measurement aspect with a 0.5 step in the demo judge\'s tasks')
})

/** POST /auth/login from a given loopback address. */
function loginFrom(localAddress, username, password) {
  const url = new URL(app.base)
  const body = JSON.stringify({ username, password })
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: '/api/v1/auth/login', method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test('failures from one address do not lock the account out from another; failed logins are audited', async () => {
  const judge = app.demoAccounts.judge
  for (let i = 0; i < 7; i++) assert.equal(await loginFrom('127.0.0.2', judge.username, 'wrong-' + i), i < 5 ? 401 : 429)
  assert.equal(await loginFrom('127.0.0.1', judge.username, judge.password), 200, 'the real judge still gets in')
  assert.equal(await loginFrom('127.0.0.2', judge.username, judge.password), 429, 'the failing address waits')
  const audit = (await app.request('GET', '/api/v1/audit?limit=50', { token: tokens.admin })).body.items
  const failed = audit.filter((a) => a.action === 'auth.login_failed' && a.actor === judge.username)
  assert.ok(failed.length >= 5, `${failed.length} failed logins audited`)
  assert.equal(failed[0].detail.client, '127.0.0.2')
})

test('request paths are logged escaped: %0a cannot forge a log line, NUL is never written raw', async () => {
  await rawGet('/api/v1/nothing%0a127.0.0.1%20GET%20/api/v1/FORGED%20200')
  await rawGet('/api/v1/nul%00byte')
  await new Promise((r) => setTimeout(r, 200))
  assert.ok(!app.log.split('\n').some((l) => l.startsWith('127.0.0.1 GET /api/v1/FORGED')), 'a forged line')
  assert.ok(!app.log.includes('\0'), 'a raw NUL byte in the log')
  assert.match(app.log, /nothing\\x0a127\.0\.0\.1 GET \/api\/v1\/FORGED/)
})

test('changing one\'s password ends one\'s other sessions and keeps the current one', async () => {
  const username = 'pw.changer'
  const created = await app.request('POST', '/api/v1/users', { token: tokens.admin, body: { username, password: 'First-Pass-123', grants: [{ role: 'viewer', org_id: (await app.request('GET', '/api/v1/me', { token: tokens.admin })).body.user.grants[0].org_id }] } })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const phone = await app.login(username, 'First-Pass-123')
  const desk = await app.login(username, 'First-Pass-123')
  const r = await app.request('POST', '/api/v1/me/password', { token: desk, body: { old_password: 'First-Pass-123', new_password: 'Second-Pass-456' } })
  assert.equal(r.status, 204)
  assert.equal((await app.request('GET', '/api/v1/me', { token: desk })).status, 200, 'the current session stays')
  assert.equal((await app.request('GET', '/api/v1/me', { token: phone })).status, 401, 'the other session ended')
})

test('HR cannot learn whether an ID number is registered at another enterprise, and the duplicate is still refused', async () => {
  const hrMe = (await app.request('GET', '/api/v1/me', { token: tokens.hr })).body.user
  const hrOrg = hrMe.grants[0].org_id
  const orgs = (await app.request('GET', '/api/v1/orgs', { token: tokens.admin })).body.items
  const other = orgs.find((o) => o.kind === 'enterprise' && o.id !== hrOrg)
  const id = idNumber('19850505', 777)
  const made = await app.request('POST', '/api/v1/workers', { token: tokens.admin, body: { name: '外单位职工', employee_no: 'X777', org_id: other.id, skill_level: '中级工', phone: '13800000777', id_number: id } })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const probe = await app.request('POST', '/api/v1/workers', { token: tokens.hr, body: { name: '试探', employee_no: 'P777', org_id: hrOrg, skill_level: '中级工', phone: '13800000778', id_number: id } })
  assert.equal(probe.status, 409)
  assert.equal(probe.body.error.code, 'id_number_unavailable')
  assert.ok(!/已登记|already registered/.test(probe.body.error.message), probe.body.error.message)
  // Inside one's own scope the answer may say so plainly.
  const own = await app.request('POST', '/api/v1/workers', { token: tokens.admin, body: { name: '重复', employee_no: 'D777', org_id: other.id, skill_level: '中级工', phone: '13800000779', id_number: id } })
  assert.equal(own.body.error.code, 'duplicate')
})

test('client_id refuses control characters; JSON endpoints require application/json', async () => {
  const nul = await app.request('POST', '/api/v1/marks', { token: tokens.judge, body: { client_id: 'a\u0000b', entry_id: '1', aspect_id: '1', value: 1 } })
  assert.equal(nul.status, 400)
  assert.match(nul.body.error.field, /client_id/)
  const ctrl = await app.request('POST', '/api/v1/marks', { token: tokens.judge, body: { client_id: 'line\nbreak', entry_id: '1', aspect_id: '1', value: 1 } })
  assert.equal(ctrl.status, 400)
  const text = await app.request('POST', '/api/v1/auth/login', { raw: JSON.stringify({ username: 'admin', password: 'Admin-Pass-123' }), headers: { 'content-type': 'text/plain' } })
  assert.equal(text.status, 415)
  assert.equal(text.body.error.code, 'unsupported_media_type')
  const form = await app.request('POST', '/api/v1/orgs', { token: tokens.admin, raw: '{"name":"x"}', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  assert.equal(form.status, 415)
  const ok = await app.request('POST', '/api/v1/auth/login', { raw: JSON.stringify({ username: 'admin', password: 'Admin-Pass-123' }), headers: { 'content-type': 'application/json; charset=utf-8' } })
  assert.equal(ok.status, 200)
  // boost::json reads 1e999 as infinity: refused at the door, never a 500 on the way out.
  const huge = await app.request('POST', '/api/v1/questions/import', { token: tokens.admin, raw: '{"work_type_id":"1","rows":[{"type":"单选题","stem":"x","options":[1e999]}]}', headers: { 'content-type': 'application/json' } })
  assert.equal(huge.status, 400, JSON.stringify(huge.body))
  assert.equal(huge.body.error.code, 'bad_json')
  assert.match(huge.body.error.message, /\$\.rows\[0\]\.options\[0\]/)
})


// A full disk, for real: the database on a small tmpfs filled to the brim (needs root, as CI is).
const isRoot = process.getuid && process.getuid() === 0
test('a full disk answers 503 storage_full, health says degraded and readiness fails; freeing space recovers', { skip: !isRoot && 'needs root to mount a tmpfs' }, async () => {
  const mount = mkdtempSync(join(tmpdir(), 'skb-full-'))
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount])
  assert.equal(m.status, 0, String(m.stderr))
  const full = new Instance()
  rmSync(full.dir, { recursive: true, force: true })
  full.dir = mount
  full.dbFile = join(mount, 'skillbrain.db')
  full.db = `sqlite:${full.dbFile}`
  full.env = { ...full.env, SKB_SECRET_KEY_FILE: join(mount, 'secret.key') }
  try {
    full.prepare({ demo: false })
    await full.start()
    const token = await full.login()
    assert.equal((await full.request('GET', '/api/v1/health/ready')).status, 200)
    const { bavail, bsize } = statfsSync(mount)
    writeFileSync(join(mount, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 8192)))
    let refused
    const parent = (await full.request('GET', '/api/v1/orgs', { token })).body.items[0].id
    for (let i = 0; i < 300 && !refused; i++) {
      const r = await full.request('POST', '/api/v1/orgs', { token, body: { name: '满盘测试单位' + i, kind: 'industry_union', parent_id: parent } })
      if (r.status !== 201) refused = r
    }
    assert.ok(refused, 'a write fails once the disk is full')
    assert.equal(refused.status, 503)
    assert.equal(refused.body.error.code, 'storage_full')
    assert.ok(!/SQLITE|database or disk/i.test(refused.body.error.message), refused.body.error.message)
    const health = await full.request('GET', '/api/v1/health')
    assert.equal(health.status, 200, 'liveness: the process is alive')
    assert.equal(health.body.status, 'degraded')
    assert.equal(health.body.writable, false)
    assert.equal(health.body.store_problem, 'storage_full')
    const ready = await full.request('GET', '/api/v1/health/ready')
    assert.equal(ready.status, 503)
    assert.equal(ready.body.error.code, 'storage_full')
    rmSync(join(mount, 'filler'))
    // Readiness probes at most once a second: an open endpoint must not queue an fsync per request.
    let again
    for (let i = 0; i < 30 && again?.status !== 200; i++) {
      again = await full.request('GET', '/api/v1/health/ready')
      if (again.status !== 200) await new Promise((r) => setTimeout(r, 100))
    }
    assert.equal(again.status, 200, 'ready again once space is freed')
    assert.equal((await full.request('GET', '/api/v1/health')).body.status, 'ok')
    const probes = () => Number(sqlite(full.dbFile, 'SELECT probes FROM store_probe WHERE id = 1'))
    const before = probes()
    await Promise.all(Array.from({ length: 50 }, () => full.request('GET', '/api/v1/health/ready')))
    assert.ok(probes() - before <= 2, `${probes() - before} probe writes for 50 readiness checks`)
  } finally {
    await full.stop()
    spawnSync('umount', [mount])
    rmSync(mount, { recursive: true, force: true })
  }
})
