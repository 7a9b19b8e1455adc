// 培训 and 荣誉 in the talent record: the demo organiser creates a course in the 新建课程 dialog (work type,
// two of its dimensions, hours, dates), enrols the demo worker and a colleague with the 报名 control, imports a
// completion list .xlsx (written with write-excel-file, a real date cell) whose second row has an unknown ID
// number — the row's problem is listed and nothing is recorded — then the good row alone (the colleague
// completes); records the demo worker's completion in 登记结业 (12 of 16 hours, score 92). The worker's page
// lists the course with its hours and the year's hours; an HR of the worker's enterprise adds a 技术能手
// honour there; on a 390×844 phone the worker's 我的档案 shows the training and the honour and fits the screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import writeXlsxFile from 'write-excel-file/node'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, pickOption, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { RUN, validId } from '../lib/data.mjs'
import { apiCaller, userMaker, PASSWORD } from '../lib/competition.mjs'

let env
let call
let organiserToken
let demo // the demo worker: { id, name, employee_no, org_id, work_types }
let colleague // another worker of the same work type: { ..., id_number }
let workType // the demo worker's work type, with its dimensions
let hr // an HR account of the demo worker's enterprise
let courseId
const COURSE = `高压电工作业安全培训${RUN}`
const PROVIDER = '温州市职业技能培训中心'
const HONOUR = `温州市技术能手${RUN}`

// Dates relative to today (local): the course ran from 30 days ago to 3 days ago.
const day = (offset) => {
  const d = new Date(Date.now() + offset * 86400000)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
const STARTS = day(-30)
const ENDS = day(-3)

/** A completion list as a provider sends it: the Chinese header, then one row per trainee (a date cell). */
async function writeCompletionList(path, rows) {
  const header = ['姓名', '身份证号', '结果', '结业日期', '学时', '成绩'].map((value) => ({ type: String, value }))
  const body = rows.map(([name, idNumber, result, date, hours, score]) => [
    { type: String, value: name },
    { type: String, value: idNumber },
    { type: String, value: result },
    { type: Date, value: new Date(`${date}T00:00:00Z`), format: 'yyyy-mm-dd' },
    { type: Number, value: hours },
    { type: Number, value: score }
  ])
  await writeXlsxFile([header, ...body], { sheet: '结业名单' }).toFile(path)
  return path
}

const row = (page, text) => page.locator(`${sel('records-table')} .el-table__row`, { hasText: text })

before(async () => {
  env = await startEnv('training')
  call = apiCaller(env)
  organiserToken = (await call('POST', '/auth/login', env.demoAccounts.organiser, undefined, 200)).body.token
  const workerToken = (await call('POST', '/auth/login', env.demoAccounts.worker, undefined, 200)).body.token
  const demoId = (await call('GET', '/me', undefined, workerToken, 200)).body.user.worker_id
  assert.ok(demoId, 'the demo worker account is linked to a worker')
  demo = (await call('GET', `/workers/${demoId}`, undefined, env.adminToken, 200)).body
  const types = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items
  const mine = demo.work_types.map((w) => types.find((x) => x.id === w.id))
  workType = mine.find((w) => w.name === '电工') ?? mine[0]
  assert.ok(workType.dimensions.length >= 2, 'the work type has capability dimensions')
  const peers = (await call('GET', `/workers?work_type_id=${workType.id}&limit=20`, undefined, env.adminToken, 200)).body.items
  colleague = peers.find((w) => w.id !== demo.id)
  colleague.id_number = (await call('GET', `/workers/${colleague.id}/pii`, undefined, env.adminToken, 200)).body.id_number
  hr = await userMaker(env, call, 'training')('hr', [{ role: 'hr', org_id: demo.org_id }])
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

test('the organiser creates a course, enrols two workers, imports a completion list and records a completion', { timeout: 180000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'training-organiser', async () => {
      const { organiser } = env.demoAccounts
      await login(page, env.baseUrl, organiser.username, organiser.password)
      await page.locator(sel('menu-training')).click()
      await page.locator(sel('training-page')).waitFor()

      // 新建课程: the organiser's own organisation is offered; the work type's dimensions become checkboxes.
      await page.locator(sel('course-create')).click()
      const dialog = page.locator(sel('course-dialog'))
      await dialog.waitFor()
      await dialog.locator(sel('crs-org'), { hasText: '温州市总工会' }).waitFor()
      await pickOption(page, 'crs-work-type', new RegExp(`^${workType.name}$`), { popper: 'crs-work-type-popper' })
      const trained = workType.dimensions.slice(0, 2)
      for (const d of trained) await dialog.locator(sel('crs-dimension-' + d.id)).click()
      await dialog.locator(sel('crs-name')).fill(COURSE)
      await dialog.locator(sel('crs-provider')).fill(PROVIDER)
      await dialog.locator(sel('crs-mode-offline')).click()
      await dialog.locator(`${sel('crs-hours')} input`).fill('16')
      await dialog.locator(`${sel('crs-hours')} input`).blur()
      await dialog.locator(`${sel('crs-starts-on')} input`).fill(STARTS)
      await dialog.locator(`${sel('crs-starts-on')} input`).press('Enter')
      await dialog.locator(`${sel('crs-ends-on')} input`).fill(ENDS)
      await dialog.locator(`${sel('crs-ends-on')} input`).press('Enter')
      await shot(page, 'T01-course-dialog')
      await dialog.locator(sel('crs-save')).click()
      await page.locator(sel('course-detail')).waitFor()
      await page.locator(sel('course-name'), { hasText: COURSE }).waitFor()
      courseId = /\/training\/courses\/(\d+)/.exec(page.url())[1]
      const course = (await call('GET', `/courses/${courseId}`, undefined, organiserToken, 200)).body
      assert.equal(course.name, COURSE)
      assert.equal(course.provider, PROVIDER)
      assert.equal(course.mode, 'offline')
      assert.equal(course.hours, 16)
      assert.equal(course.work_type_id, workType.id)
      assert.deepEqual([...course.dimension_ids].sort(), trained.map((d) => d.id).sort())
      assert.deepEqual([course.starts_on, course.ends_on], [STARTS, ENDS])
      assert.match(await page.locator(sel('course-dimensions')).innerText(), new RegExp(trained[0].name))

      // 报名: the demo worker and a colleague, found by name.
      for (const w of [demo, colleague]) {
        await pickOption(page, 'enrol-worker', w.employee_no, { popper: 'enrol-worker-popper', type: w.name })
        await page.locator(sel('enrol-submit')).click()
        await row(page, w.name).waitFor()
      }
      await page.locator(sel('course-enrolled'), { hasText: '2' }).waitFor()
      const enrolled = (await call('GET', `/courses/${courseId}/records`, undefined, organiserToken, 200)).body.items
      assert.deepEqual(enrolled.map((r) => r.status), ['enrolled', 'enrolled'])
      assert.equal(await row(page, colleague.name).locator(sel('record-status')).getAttribute('data-status'), 'enrolled')

      // 导入结业名单 with an unknown ID number on row 2: the row's problem is listed, nothing is recorded.
      const stranger = ['查无此人', validId('19800101', 987), '合格', ENDS, 16, 75]
      const good = [colleague.name, colleague.id_number, '合格', ENDS, 16, 88]
      const bad = await writeCompletionList(join(ARTIFACTS, 'completion-bad.xlsx'), [good, stranger])
      await page.locator(sel('course-import')).click()
      const imp = page.locator(sel('completion-import-dialog'))
      await imp.waitFor()
      await imp.locator('input[type=file]').setInputFiles(bad)
      await imp.locator(sel('ci-parsed'), { hasText: '2' }).waitFor()
      const preview = await imp.locator(sel('ci-preview')).innerText()
      assert.match(preview, new RegExp(ENDS), 'the date cell is read as a date')
      assert.match(preview, /查无此人/)
      await imp.locator(sel('ci-submit')).click()
      const errors = imp.locator(sel('ci-error-table'))
      await errors.waitFor()
      const errorText = await errors.innerText()
      assert.match(errorText, /查无此人/, 'the problem is on the stranger\'s row')
      assert.match(errorText, /身份证号/)
      assert.doesNotMatch(errorText, new RegExp(colleague.name), 'the good row has no problem')
      assert.match(await imp.locator(sel('ci-failure')).innerText(), /全部数据均未导入/)
      await shot(page, 'T02-import-row-error')
      const untouched = (await call('GET', `/courses/${courseId}/records`, undefined, organiserToken, 200)).body.items
      assert.deepEqual(untouched.map((r) => r.status), ['enrolled', 'enrolled'], 'nothing was imported')

      // The good row alone: recorded.
      const fixed = await writeCompletionList(join(ARTIFACTS, 'completion-good.xlsx'), [good])
      await imp.locator('input[type=file]').setInputFiles(fixed)
      await imp.locator(sel('ci-parsed'), { hasText: '1' }).waitFor()
      await imp.locator(sel('ci-submit')).click()
      await imp.locator(sel('ci-success'), { hasText: '1' }).waitFor()
      await shot(page, 'T03-import-done')
      await imp.locator(sel('ci-close')).click()
      await imp.waitFor({ state: 'hidden' })
      await page.locator(`${sel('records-table')} .el-table__row:has([data-status="completed"])`, { hasText: colleague.name }).waitFor()
      const imported = (await call('GET', `/courses/${courseId}/records`, undefined, organiserToken, 200)).body.items
      const theirs = imported.find((r) => r.worker_id === colleague.id)
      assert.deepEqual([theirs.status, theirs.completed_on, theirs.hours, theirs.score], ['completed', ENDS, 16, 88])

      // 登记结业 of the demo worker: 12 of the 16 hours, score 92.
      await row(page, demo.name).locator(sel('record-complete')).click()
      const cd = page.locator(sel('completion-dialog'))
      await cd.waitFor()
      assert.equal(await cd.locator(`${sel('cd-date')} input`).inputValue(), ENDS, 'the course\'s last day is offered')
      await cd.locator(`${sel('cd-hours')} input`).fill('12')
      await cd.locator(`${sel('cd-hours')} input`).blur()
      await cd.locator(`${sel('cd-score')} input`).fill('92')
      await cd.locator(`${sel('cd-score')} input`).blur()
      await shot(page, 'T04-completion-dialog')
      await cd.locator(sel('cd-save')).click()
      await cd.waitFor({ state: 'hidden' })
      const demoRow = page.locator(`${sel('records-table')} .el-table__row:has([data-status="completed"])`, { hasText: demo.name })
      await demoRow.waitFor()
      assert.equal((await demoRow.locator(sel('record-hours')).innerText()).trim(), '12')
      assert.equal((await demoRow.locator(sel('record-score')).innerText()).trim(), '92')
      await page.locator(sel('course-completed'), { hasText: '2' }).waitFor()
      await shot(page, 'T05-course-records')
      const mine = (await call('GET', `/courses/${courseId}/records`, undefined, organiserToken, 200)).body.items.find((r) => r.worker_id === demo.id)
      assert.deepEqual([mine.status, mine.completed_on, mine.hours, mine.score], ['completed', ENDS, 12, 92])

      // The course list counts them.
      await page.locator(sel('menu-training')).click()
      await page.locator(sel('course-filter-q')).fill(RUN)
      await page.locator(sel('course-search')).click()
      const listed = page.locator(`${sel('courses-table')} .el-table__row`, { hasText: COURSE })
      await listed.waitFor()
      assert.equal(await page.locator(`${sel('courses-table')} .el-table__row`).count(), 1)
      assert.match(await listed.locator(sel('course-counts')).innerText(), /2 人 \/ 2 人/)
    })
  } finally {
    await page.context().close()
  }
})

test('the worker\'s page shows the training with its hours; an HR adds an honour', { timeout: 120000 }, async () => {
  assert.ok(courseId, 'the course was created')
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'training-worker-page', async () => {
      await login(page, env.baseUrl, hr.username, PASSWORD)
      assert.ok(await page.locator(sel('menu-training')).isVisible(), 'HR manages training too')
      await page.goto(`${env.baseUrl}/workers/${demo.id}`)
      const record = page.locator(sel('training-record'))
      const item = record.locator(`${sel('training-item')}[data-course="${courseId}"]`)
      await item.waitFor()
      assert.match(await item.innerText(), new RegExp(COURSE))
      assert.equal(await item.locator(sel('training-status')).getAttribute('data-status'), 'completed')
      assert.equal((await item.locator(sel('training-hours')).innerText()).trim(), '12 学时')
      const api = (await call('GET', `/workers/${demo.id}/training`, undefined, hr.token, 200)).body
      const year = Number(ENDS.slice(0, 4))
      const yearHours = api.hours_by_year.find((y) => y.year === year)
      assert.ok(yearHours && yearHours.hours >= 12, 'the year counts the course\'s hours')
      const tag = record.locator(`${sel('training-year')}[data-year="${year}"]`)
      assert.match(await tag.innerText(), new RegExp(`${year} 年 ${Math.round(yearHours.hours * 10) / 10} 学时`))
      await page.locator(`${sel('career-timeline')} ${sel('timeline-item')}[data-kind="training"]`, { hasText: COURSE }).waitFor()
      await record.scrollIntoViewIfNeeded()
      await shot(page, 'T06-worker-training')

      // 添加荣誉.
      const honours = page.locator(sel('honours'))
      await honours.locator(sel('honour-add')).click()
      const dialog = page.locator(sel('honour-dialog'))
      await dialog.waitFor()
      await pickOption(page, 'hd-kind', /^技术能手$/, { popper: 'hd-kind-popper' })
      await dialog.locator(sel('hd-title')).fill(HONOUR)
      await dialog.locator(sel('hd-level-city')).click()
      await dialog.locator(`${sel('hd-date')} input`).fill('2025-04-28')
      await dialog.locator(`${sel('hd-date')} input`).press('Enter')
      await dialog.locator(sel('hd-issuer')).fill('温州市人力资源和社会保障局')
      await shot(page, 'T07-honour-dialog')
      await dialog.locator(sel('hd-save')).click()
      await dialog.waitFor({ state: 'hidden' })
      const added = honours.locator(sel('honour-item'), { hasText: HONOUR })
      await added.waitFor()
      assert.match(await added.innerText(), /技术能手[\s\S]*市级[\s\S]*2025-04-28[\s\S]*温州市人力资源和社会保障局/)
      const stored = (await call('GET', `/workers/${demo.id}/honours`, undefined, hr.token, 200)).body.items.find((h) => h.title === HONOUR)
      assert.deepEqual([stored.kind, stored.level, stored.awarded_on, stored.issuer], ['technical_expert', 'city', '2025-04-28', '温州市人力资源和社会保障局'])
      // The timeline is drawn again with the honour in it.
      await page.locator(`${sel('career-timeline')} ${sel('timeline-item')}[data-kind="honour"]`, { hasText: HONOUR }).waitFor()
      await honours.scrollIntoViewIfNeeded()
      await shot(page, 'T08-worker-honours')
    })
  } finally {
    await page.context().close()
  }
})

test('the worker reads their training and honours on a 390×844 phone', { timeout: 90000 }, async () => {
  assert.ok(courseId, 'the course was created')
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'training-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.worker.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.worker.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('my-record-page')).waitFor()
      const item = phone.locator(`${sel('training-record')} ${sel('training-item')}[data-course="${courseId}"]`)
      await item.waitFor()
      assert.match(await item.innerText(), new RegExp(COURSE))
      assert.match(await item.innerText(), /12 学时/)
      assert.match(await item.innerText(), /成绩 92/)
      const honour = phone.locator(`${sel('honours')} ${sel('honour-item')}`, { hasText: HONOUR })
      await honour.waitFor()
      assert.equal(await phone.locator(sel('honour-add')).count(), 0, 'the worker reads their honours only')
      assert.equal(await phone.locator(sel('honour-delete')).count(), 0)
      await phone.locator(`${sel('career-timeline')} ${sel('timeline-item')}`).first().waitFor()
      await item.scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '我的档案 with the training on a phone')
      await shot(phone, 'T09-my-training-phone')
      await honour.scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '我的档案 with the honours on a phone')
      await shot(phone, 'T10-my-honours-phone')
      // The training pages are not the worker's: the address leads back to 我的档案.
      await phone.goto(env.baseUrl + '/training')
      await phone.locator(sel('my-record-page')).waitFor()
      assert.deepEqual(phone.consoleErrors, [])
    })
  } finally {
    await phone.context().close()
  }
})
