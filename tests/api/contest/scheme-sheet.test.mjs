// 评分标准 as .xlsx: GET /events/{id}/scheme.xlsx and POST /events/{id}/scheme/import. The sheet is read
// back with the web's own reader (read-excel-file from web/node_modules) and header mapping
// (web/src/utils/schemeRows.js), so the round trip is the one the browser makes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Instance } from '../lib/server.mjs'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const READER = resolve(REPO, 'web/node_modules/read-excel-file/node/index.js')
const { sheetToSchemeRows } = await import(pathToFileURL(resolve(REPO, 'web/src/utils/schemeRows.js')).href)
const readSheet = existsSync(READER) ? (await import(pathToFileURL(READER).href)).readSheet : null
const NO_READER = readSheet ? false : 'web/node_modules/read-excel-file is not installed (npm ci in web/)'

const app = new Instance()
let admin, organiser, viewer, comp, frozenEvent, dims

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  organiser = await app.login(app.demoAccounts.organiser.username, app.demoAccounts.organiser.password)
  viewer = await app.login(app.demoAccounts.viewer.username, app.demoAccounts.viewer.password)
  // The demo competition has marks: one of its events has a frozen scheme with dimensions.
  for (const c of (await app.request('GET', '/api/v1/competitions', { token: admin })).body.items)
    for (const e of c.events) {
      const ev = (await app.request('GET', `/api/v1/events/${e.id}`, { token: admin })).body
      if (ev.scheme_frozen && !frozenEvent) frozenEvent = ev
    }
  assert.ok(frozenEvent, 'the demo has an event with marks')
  dims = (await app.request('GET', `/api/v1/work-types/${frozenEvent.work_type_id}`, { token: admin })).body.dimensions
  assert.ok(dims.length >= 2, 'the work type has dimensions')
  const root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items.find((o) => o.parent_id === null)
  const body = { name: '评分标准导入导出测试赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30' }
  comp = (await app.request('POST', '/api/v1/competitions', { token: organiser, body })).body
})
after(async () => { await app.stop(); app.cleanup() })

async function newEvent(name, total_mode = 'weighted') {
  const r = await app.request('POST', `/api/v1/competitions/${comp.id}/events`, {
    token: organiser, body: { name, work_type_id: frozenEvent.work_type_id, total_mode } })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body
}

async function exportXlsx(eventId, token = organiser) {
  const res = await fetch(`${app.base}/api/v1/events/${eventId}/scheme.xlsx`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

const importRows = (eventId, rows, token = organiser) =>
  app.request('POST', `/api/v1/events/${eventId}/scheme/import`, { token, body: { rows } })

/** The scheme without ids, to compare two events'. */
function scheme(ev) {
  return ev.components.map(({ id, aspects, ...c }) => ({ ...c, aspects: aspects.map(({ id, ...a }) => a) }))
}

const RICH = {
  components: [
    { kind: 'theory', name: '理论知识', max_mark: 100, weight: 0.3, time_limit_seconds: 5400 },
    { kind: 'practical', name: '实操：板对接焊', max_mark: 100, weight: 0.7, time_limit_seconds: 100, aspects: [
      { criterion: '焊缝尺寸', name: '焊缝宽度偏差', kind: 'measurement', max_mark: 40, step: 0.5,
        bands: [{ from: 0, to: 0.5, marks: 40 }, { from: 0.5, to: 1.25, marks: 20 }, { from: -2, to: -0.5, marks: 5 }] },
      { criterion: '外观', name: '焊缝成形美观', kind: 'judgement', max_mark: 35, step: 1, dimension_id: null },
      { criterion: '安全文明', name: '安全文明生产', kind: 'judgement', max_mark: 25, step: 1 },
      { criterion: '安全文明', name: '违规操作', kind: 'deduction', max_mark: 5, step: 1 },
      { criterion: '安全文明', name: '严重违规', kind: 'deduction', max_mark: 100, step: 1, disqualifies: true },
    ] },
  ],
}

test('an event\'s scheme exports as an .xlsx, for readers too; an empty scheme gives the template', async () => {
  const ev = await newEvent('导出')
  RICH.components[1].aspects[1].dimension_id = dims[1].id
  const put = await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: RICH })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  for (const token of [organiser, viewer]) {
    const x = await exportXlsx(ev.id, token)
    assert.equal(x.status, 200)
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''%E8%AF%84%E5%88%86%E6%A0%87%E5%87%86\.xlsx/)
    assert.equal(x.headers.get('cache-control'), 'no-store')
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK')
  }
  const empty = await newEvent('空白')
  const blank = await exportXlsx(empty.id)
  assert.equal(blank.status, 200)
  assert.equal(blank.bytes.subarray(0, 2).toString(), 'PK')
  assert.equal((await exportXlsx(999999)).status, 404)
  const anonymous = await fetch(`${app.base}/api/v1/events/${ev.id}/scheme.xlsx`)
  assert.equal(anonymous.status, 401)
})

test('round trip: export, read with read-excel-file, import into another event: the same scheme', { skip: NO_READER }, async () => {
  const source = await newEvent('源赛项')
  RICH.components[1].aspects[1].dimension_id = dims[1].id
  const put = await app.request('PUT', `/api/v1/events/${source.id}/scheme`, { token: organiser, body: RICH })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  const sheet = await readSheet((await exportXlsx(source.id)).bytes)
  assert.deepEqual(sheet[0], ['模块/任务', '类型', '模块配分', '权重', '时限(分钟)', '评分项目', '评分细项', '评分方式', '配分', '步长', '测量区间', '能力维度', '否决'])
  assert.equal(sheet.length, 1 + 1 + 5, 'a header, the theory exam row, five aspects')
  const practical = sheet.slice(2)
  assert.equal(practical[0][0], '实操：板对接焊')
  assert.equal(practical[1][0], null, 'the component cells are merged over its rows')
  assert.equal(practical[0][10], '0-0.5:40;0.5-1.25:20;-2--0.5:5')
  assert.equal(practical[1][11], dims[1].name)
  assert.equal(practical[4][12], '是')
  const { rows, missing } = sheetToSchemeRows(sheet)
  assert.deepEqual(missing, [])

  const target = await newEvent('目标赛项')
  const r = await importRows(target.id, rows)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const source2 = (await app.request('GET', `/api/v1/events/${source.id}`, { token: organiser })).body
  const target2 = (await app.request('GET', `/api/v1/events/${target.id}`, { token: organiser })).body
  assert.deepEqual(scheme(target2), scheme(source2))
  assert.equal(target2.components[0].time_limit_seconds, 5400)
  assert.equal(target2.components[1].time_limit_seconds, 100)

  // The demo's frozen scheme, with its dimensions, copies the same way.
  const demoRows = sheetToSchemeRows(await readSheet((await exportXlsx(frozenEvent.id, admin)).bytes)).rows
  const copy = await newEvent('演示评分标准副本', frozenEvent.total_mode)
  const c = await importRows(copy.id, demoRows)
  assert.equal(c.status, 200, JSON.stringify(c.body))
  assert.deepEqual(scheme(c.body), scheme(frozenEvent))
})

test('rows repeating the component name, English codes and numbers as text import too', async () => {
  const ev = await newEvent('手填', 'raw_sum')
  const rows = [
    { component: '实操', kind: 'practical', component_max: '60', weight: '100%', criterion: '尺寸', aspect: '长度', aspect_kind: '测量', aspect_max: 30, step: '0.5' },
    { component: '实操', kind: '实操', component_max: 60, criterion: '尺寸', aspect: '宽度', aspect_kind: 'measurement', aspect_max: '30', bands: '0～1：30；1～2：10', dimension: dims[0].name, disqualifies: '否' },
    {},
    { component: '理论', kind: '理论', component_max: 40, weight: 1 },
  ]
  const r = await importRows(ev.id, rows)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const [p, t] = r.body.components
  assert.equal(p.weight, 1)
  assert.deepEqual(p.aspects.map((a) => a.name), ['长度', '宽度'])
  assert.deepEqual(p.aspects[1].bands, [{ from: 0, to: 1, marks: 30 }, { from: 1, to: 2, marks: 10 }])
  assert.equal(p.aspects[1].dimension_id, dims[0].id)
  assert.deepEqual(t.aspects.map((a) => [a.name, a.max_mark]), [['理论考试成绩', 40]], 'a theory row without aspects is the exam score')
})

test('bad rows: every problem by row with a stable code, and nothing is saved', async () => {
  const ev = await newEvent('错误行', 'weighted')
  const good = { components: [{ kind: 'theory', name: '理论', max_mark: 100, weight: 1 }] }
  assert.equal((await app.request('PUT', `/api/v1/events/${ev.id}/scheme`, { token: organiser, body: good })).status, 200)
  const before = (await app.request('GET', `/api/v1/events/${ev.id}`, { token: organiser })).body

  const rows = [
    { component: '实操一', kind: '实践', component_max: 'abc', aspect: '接线', aspect_kind: '评价', aspect_max: 50 },
    { aspect: '布线', aspect_kind: '打分', aspect_max: 50, bands: '0..1=5', dimension: '不存在的维度', disqualifies: '也许' },
    { component_max: 90, criterion: '安全', aspect_kind: '扣分', aspect_max: 5 },
  ]
  const r = await importRows(ev.id, rows)
  assert.equal(r.status, 422, JSON.stringify(r.body))
  assert.equal(r.body.error.code, 'import_invalid')
  const got = r.body.error.rows.map((p) => `${p.row} ${p.field} ${p.code}`)
  assert.deepEqual(got, [
    '1 kind invalid_kind',
    '1 component_max invalid_number',
    '2 aspect_kind invalid_aspect_kind',
    '2 bands invalid_bands',
    '2 dimension unknown_dimension',
    '2 disqualifies invalid_flag',
    '3 component_max component_conflict',
    '3 aspect required',
  ])
  for (const p of r.body.error.rows) assert.ok(p.message, 'each problem has a message')

  // Rows that read well but make an invalid scheme: set_scheme's problems, by row.
  const sums = [
    { component: '实操一', kind: '实操', component_max: 100, weight: 0.5, aspect: '接线', aspect_kind: '评价', aspect_max: 50 },
    { aspect: '布线', aspect_kind: '测量', aspect_max: 40, step: 0 },
    { component: '实操二', kind: '实操', component_max: 10, weight: 0.2, aspect: '清理', aspect_kind: '评价', aspect_max: 0 },
    { aspect: '整理', aspect_kind: '评价', aspect_max: 10 },
  ]
  const s = await importRows(ev.id, sums)
  assert.equal(s.status, 422, JSON.stringify(s.body))
  assert.deepEqual(s.body.error.rows.map((p) => `${p.row} ${p.field} ${p.code}`), [
    '1 component_max aspect_sum_mismatch',
    '2 step step_not_positive',
    '3 aspect_max aspect_max_not_positive',
    '0 weight weights_not_one',
  ])

  const after = (await app.request('GET', `/api/v1/events/${ev.id}`, { token: organiser })).body
  assert.deepEqual(scheme(after), scheme(before), 'nothing was saved')

  const none = await importRows(ev.id, [{}, { component: ' ' }])
  assert.equal(none.status, 400)
  assert.equal(none.body.error.field, 'rows')
  const notRows = await app.request('POST', `/api/v1/events/${ev.id}/scheme/import`, { token: organiser, body: { rows: [[1, 2]] } })
  assert.equal(notRows.status, 400)
})

test('a frozen scheme refuses the import; a viewer may not import', async () => {
  const rows = [{ component: '理论', kind: '理论', component_max: 100, weight: 1 }]
  const frozen = await importRows(frozenEvent.id, rows, admin)
  assert.equal(frozen.status, 409)
  assert.equal(frozen.body.error.code, 'scheme_frozen')
  const ev = await newEvent('无权导入', 'raw_sum')
  assert.equal((await importRows(ev.id, rows, viewer)).status, 403)
  assert.equal((await importRows(ev.id, rows)).status, 200)
})
