// Logs in as admin, creates a worker through the dialog, then imports an .xlsx with one bad row
// (nothing imported, per-row errors shown) and a valid one (count shown, list refreshed).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { startEnv, ADMIN, ARTIFACTS } from '../lib/env.mjs'
import { newPage, login, sel, shot, pickOption, withShotOnFailure } from '../lib/ui.mjs'
import { validId, badCheckId, phone, RUN, writeImportXlsx } from '../lib/data.mjs'

let env
let page
let enterprise
let workType

async function workerTotal(query = '') {
  const r = await env.api('GET', '/workers?limit=1' + query, undefined, env.adminToken)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.total
}

before(async () => {
  env = await startEnv('workers')
  const orgs = await env.api('GET', '/orgs', undefined, env.adminToken)
  assert.equal(orgs.status, 200)
  enterprise = orgs.body.items.find((o) => o.kind === 'enterprise')
  assert.ok(enterprise, 'the demo has an enterprise')
  const wts = await env.api('GET', '/work-types', undefined, env.adminToken)
  assert.equal(wts.status, 200)
  workType = wts.body.items[0]
  assert.ok(workType, 'the demo has a work type')
  page = await newPage(env)
}, { timeout: 180000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (env) await env.stop()
})

test('admin logs in through the form', { timeout: 60000 }, async () => {
  await withShotOnFailure(page, 'login', async () => {
    await page.goto(env.baseUrl + '/login')
    await page.locator(sel('login-username')).waitFor()
    await shot(page, '01-login')
    // A wrong password is refused with a message in the form.
    await page.locator(sel('login-username')).fill(ADMIN.username)
    await page.locator(sel('login-password')).fill('wrong-password')
    await page.locator(sel('login-submit')).click()
    await page.locator(sel('login-error')).waitFor()
    await login(page, env.baseUrl, ADMIN.username, ADMIN.password)
    for (const item of ['home', 'orgs', 'work-types', 'workers', 'training', 'users', 'audit']) {
      assert.ok(await page.locator(sel('menu-' + item)).isVisible(), `admin sees menu ${item}`)
    }
    await page.locator(sel('home-page')).waitFor()
    await page.waitForTimeout(800) // let the charts draw
    await shot(page, '02-home')
  })
})

test('create a worker through the dialog and see it in the list', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'create-worker', async () => {
    const name = '测试职工' + RUN
    const employeeNo = 'E2E-' + RUN + '-1'
    await page.locator(sel('menu-workers')).click()
    await page.locator(sel('workers-page')).waitFor()
    await page.locator(`${sel('workers-table')} .el-table__row`).first().waitFor()
    await shot(page, '04-workers-list')
    await page.locator(sel('worker-create-btn')).click()
    const dialog = page.locator('.el-dialog', { has: page.locator(sel('wf-name')) })
    await dialog.waitFor({ state: 'visible' })

    await page.locator(sel('wf-name')).fill(name)
    await page.locator(sel('wf-employee-no')).fill(employeeNo)
    await pickOption(page, 'wf-org', enterprise.name, { popper: 'wf-org-popper', type: enterprise.name })
    await pickOption(page, 'wf-work-types', workType.name, { popper: 'wf-work-types-popper' })
    await page.locator(sel('wf-name')).click() // close the multi-select
    await pickOption(page, 'wf-skill-level', /^高级工$/)
    await page.locator(sel('wf-phone')).fill(phone(1))
    // The client checks the ID number's check digit before sending anything.
    await page.locator(sel('wf-id-number')).fill(badCheckId('19850315', 11))
    await page.locator(sel('wf-submit')).click()
    await dialog.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
    await shot(page, '03-create-worker-validation')
    await page.locator(sel('wf-id-number')).fill(validId('19850315', 11))
    await page.locator(sel('wf-submit')).click()
    await dialog.waitFor({ state: 'hidden' })

    // The demo has more workers than one page: find the new one by its employee number.
    await page.locator(sel('filter-q')).fill(employeeNo)
    await page.locator(sel('filter-search')).click()
    const row = page.locator(`${sel('workers-table')} .el-table__row`, { hasText: employeeNo })
    await row.waitFor()
    const text = await row.innerText()
    assert.match(text, new RegExp(name))
    assert.match(text, /高级工/)
    assert.doesNotMatch(text, /19850315/, 'the ID number is masked in the list')
    await shot(page, '04b-worker-created')

    // The worker detail page shows masked data and the level history.
    await row.locator(sel('worker-link')).click()
    await page.locator(sel('worker-info')).waitFor()
    assert.match(await page.locator(sel('worker-info')).innerText(), new RegExp(employeeNo))
    await shot(page, '05-worker-detail')
    await page.locator(sel('menu-workers')).click()
    await page.locator(sel('workers-page')).waitFor()
  })
})

test('import: a file with a bad ID number imports nothing and lists the row errors', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'import-invalid', async () => {
    const before = await workerTotal()
    const rows = [1, 2, 3].map((i) => [
      `导入职工${i}${RUN}`,
      i % 2 ? '男' : '女',
      `IMP-${RUN}-${i}`,
      enterprise.name,
      workType.name,
      '中级工',
      phone(100 + i),
      i === 2 ? badCheckId('19920704', 20 + i) : validId('19920704', 20 + i)
    ])
    const file = await writeImportXlsx(join(ARTIFACTS, 'import-invalid.xlsx'), rows)

    await page.locator(sel('worker-import-btn')).click()
    const dialog = page.locator('.el-dialog', { has: page.locator(sel('import-upload')) })
    await dialog.waitFor({ state: 'visible' })
    await dialog.locator('input[type=file]').setInputFiles(file)
    await page.locator(sel('import-parsed')).waitFor()
    assert.match(await page.locator(sel('import-parsed')).innerText(), /3/)
    await page.locator(sel('import-submit')).click()

    const table = page.locator(sel('import-error-table'))
    await table.waitFor()
    const text = await table.innerText()
    assert.match(text, /身份证号/, 'the error names the ID number field')
    assert.match(text, /(^|\s)2(\s|$)/m, 'the error is on data row 2')
    assert.match(await page.locator(sel('import-failure')).innerText(), /全部数据均未导入/)
    await table.scrollIntoViewIfNeeded()
    await shot(page, '06-import-error')

    assert.equal(await workerTotal(), before, 'nothing was imported')
    await page.locator(sel('import-close')).click()
    await dialog.waitFor({ state: 'hidden' })
  })
})

test('import: a valid file imports every row and the list shows them', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'import-valid', async () => {
    const before = await workerTotal()
    // The same employee numbers as the failed import: they are free because nothing was imported.
    const rows = [1, 2, 3].map((i) => [
      `导入职工${i}${RUN}`,
      i % 2 ? '男' : '女',
      `IMP-${RUN}-${i}`,
      enterprise.name,
      workType.name,
      '中级工',
      phone(100 + i),
      validId('19920704', 20 + i)
    ])
    const file = await writeImportXlsx(join(ARTIFACTS, 'import-valid.xlsx'), rows)

    await page.locator(sel('worker-import-btn')).click()
    const dialog = page.locator('.el-dialog', { has: page.locator(sel('import-upload')) })
    await dialog.waitFor({ state: 'visible' })
    await dialog.locator('input[type=file]').setInputFiles(file)
    await page.locator(sel('import-parsed')).waitFor()
    await page.locator(sel('import-submit')).click()
    const success = page.locator(sel('import-success'))
    await success.waitFor()
    assert.match(await success.innerText(), /3/)
    await shot(page, '07-import-success')

    assert.equal(await workerTotal(), before + 3, 'three workers were imported')
    await page.locator(sel('import-close')).click()
    await dialog.waitFor({ state: 'hidden' })
    // q matches part of a name (or a whole employee number): the imported names end with RUN.
    await page.locator(sel('filter-q')).fill(RUN)
    await page.locator(sel('filter-search')).click()
    await page.locator(`${sel('workers-table')} .el-table__row`, { hasText: `IMP-${RUN}-3` }).waitFor()
    assert.equal(
      await page.locator(`${sel('workers-table')} .el-table__row`, { hasText: `IMP-${RUN}-` }).count(),
      3
    )
    await shot(page, '08-workers-after-import')
  })
})

test('export downloads an .xlsx of the filtered list', { timeout: 60000 }, async () => {
  await withShotOnFailure(page, 'export', async () => {
    // The list is still filtered by the run marker from the import test.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(sel('worker-export-btn')).click()
    ])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const path = join(ARTIFACTS, 'export.xlsx')
    await download.saveAs(path)
    const bytes = readFileSync(path)
    assert.ok(bytes.length > 100, 'the export is not empty')
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the export is an .xlsx (zip) file')
  })
})
