import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { Instance, idNumber, BIN } from '../lib/server.mjs'

const app = new Instance().prepare()
after(() => app.cleanup())

const header = '姓名,性别,工号,单位,工种,技能等级,手机号,身份证号'
const row = (i, id) => `命令行${i},男,CLI-${i},国网温州供电公司,电工、焊工,高级工,1350000${1000 + i},${id}`

test('version and help are readable', () => {
  assert.match(spawnSync(BIN, ['version'], { encoding: 'utf8' }).stdout, /^skillbrain \d+\.\d+\.\d+/)
  const help = spawnSync(BIN, ['--help'], { encoding: 'utf8' })
  for (const cmd of ['serve', 'migrate', 'demo', 'create-admin', 'import', 'export', 'verify-audit', 'version'])
    assert.match(help.stdout, new RegExp(cmd))
})

test('CSV import rejects the whole file when a row is bad, naming the row', () => {
  const file = join(app.dir, 'bad.csv')
  writeFileSync(file, [header, row(1, idNumber('19700101', 901)), row(2, '330302197001010000')].join('\r\n'))
  const r = app.cli(['import', 'workers', file])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /row 2 id_number/)
})

test('CSV import of a good file, then export to .xlsx and .csv with masked data', () => {
  const file = join(app.dir, 'good.csv')
  writeFileSync(file, '\uFEFF' + [header, row(1, idNumber('19700101', 901)), row(2, idNumber('19700101', 903))].join('\n') + '\n')
  const r = app.cli(['import', 'workers', file])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /imported 2 worker/)
  const xlsx = join(app.dir, 'out.xlsx')
  assert.equal(app.cli(['export', 'workers', '--out', xlsx]).status, 0)
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK')
  const csv = join(app.dir, 'out.csv')
  assert.equal(app.cli(['export', 'workers', '--out', csv]).status, 0)
  const text = readFileSync(csv, 'utf8')
  assert.match(text, /姓名,性别,工号/)
  assert.match(text, /命令行1/)
  assert.ok(!text.includes(idNumber('19700101', 901)), 'ID numbers are masked in exports')
})

test('create-admin refuses a weak password and a duplicate name', () => {
  assert.notEqual(app.cli(['create-admin', '--username', 'weak'], 'short\n').status, 0)
  assert.notEqual(app.cli(['create-admin', '--username', 'admin'], 'Long-Enough-123\n').status, 0)
})

test('demo is idempotent', () => {
  const r = app.cli(['demo', '--small'])
  assert.equal(r.status, 0)
  assert.match(r.stdout, /already present/)
})

test('migrate on an up-to-date database applies nothing', () => {
  assert.match(app.cli(['migrate']).stdout, /migrations applied: 0/)
  assert.ok(existsSync(app.dbFile))
})
