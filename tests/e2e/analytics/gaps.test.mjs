// 人才分析 · 岗位差距 and 培训计划 in the browser, on the small demo. The demo organiser creates a 电工 template
// (60 on every dimension) for the city in the 新建岗位模型 dialog — GET /post-models agrees — and removes a
// throwaway model of the city after a confirm. The small demo gives work types at random and the demo HR's
// enterprise may have no electricians, so the admin moves four of other enterprises there over the API (two
// who meet the sheet's targets where the demo has them, the others short of them). The HR finds no model of their own, copies the template in 从模板复制, opens 编辑 and imports the
// targets from an .xlsx written by write-excel-file (能力维度 / 目标分, four of the five dimensions) — the
// model then holds exactly the sheet's targets — and sees the heatmap drawn on a canvas, the headline
// (workers, meeting, meeting surely) and the department's figures as GET /post-models/{id}/gaps, every
// worker linking to their page. 培训计划 keeps the model, lists the API's courses (course links for a user
// who manages training, the basis "按N人结业成绩" / "默认80分") and workers, and 导出Excel downloads
// 培训计划.xlsx. On a 390×844 phone the heatmap scrolls sideways inside its box, the tables are cards, and
// neither tab sticks out.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import writeXlsxFile from 'write-excel-file/node'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, pickOption, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { apiCaller } from '../lib/competition.mjs'

let env, call
let orgToken, hrToken
let root // the city's union: { id, name }
let hrOrg // the demo HR's enterprise: { id, name }
let electrician // the work type 电工: { id, dimensions }
let template // the organiser's template, once created
let copy // the HR's copy, once made

const TEMPLATE_NAME = '电工通用岗位（模板）'
// The sheet the HR imports: four of the five dimensions of 电工, by name.
const SHEET_TARGETS = [50, 55, 45, 55]

before(async () => {
  env = await startEnv('analytics-gaps')
  call = apiCaller(env)
  orgToken = (await call('POST', '/auth/login', env.demoAccounts.organiser, undefined, 200)).body.token
  hrToken = (await call('POST', '/auth/login', env.demoAccounts.hr, undefined, 200)).body.token
  const grant = (await call('GET', '/me', undefined, hrToken, 200)).body.user.grants[0]
  hrOrg = { id: String(grant.org_id), name: grant.org_name }
  root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  electrician = (await call('GET', '/work-types', undefined, orgToken, 200)).body.items.find((w) => w.name === '电工')
  assert.ok(electrician && electrician.dimensions.length >= 4, 'the demo has 电工 with its dimensions')
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

const exactly = (n) => new RegExp(`^${n}$`)
const text = async (page, name) => (await page.locator(sel(name)).innerText()).trim()

test('the organiser creates a 电工 template for the city and removes a model', { timeout: 180000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'analytics-gaps-organiser', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(`${env.baseUrl}/analytics?org_id=${root.id}`)
      await page.locator('#tab-gaps').click()
      await page.locator(sel('post-model-none')).waitFor()
      assert.match(page.url(), /[?&]tab=gaps(&|$)/)

      await page.locator(sel('pm-create')).click()
      const dialog = page.locator(sel('pm-dialog'))
      await dialog.waitFor()
      assert.match(await dialog.locator(sel('pm-org')).innerText(), new RegExp(root.name), 'the organisation picked is offered first')
      await pickOption(page, 'pm-work-type', /^电工$/)
      await dialog.locator(sel('pm-name')).fill(TEMPLATE_NAME)
      await dialog.locator(sel('pm-template')).click()
      for (const d of electrician.dimensions) {
        const input = dialog.locator(`${sel(`pm-target-${d.id}`)} input`)
        await input.fill('60')
        await input.press('Tab')
      }
      await shot(page, 'G01-template-dialog')
      await dialog.locator(sel('pm-save')).click()
      await dialog.waitFor({ state: 'hidden' })

      const models = (await call('GET', '/post-models', undefined, orgToken, 200)).body.items
      template = models.find((m) => m.name === TEMPLATE_NAME)
      assert.ok(template, 'the template is stored')
      assert.equal(template.template, true)
      assert.equal(template.org_id, root.id)
      assert.equal(template.work_type_id, String(electrician.id))
      assert.deepEqual(template.targets.map((x) => [x.dimension_id, x.target]), electrician.dimensions.map((d) => [String(d.id), 60]))

      // The city's analysis of its own template: every electrician of the city.
      const gaps = (await call('GET', `/post-models/${template.id}/gaps`, undefined, orgToken, 200)).body
      await page.locator(sel('gh-workers'), { hasText: exactly(gaps.workers.length) }).waitFor()
      assert.equal(await text(page, 'gh-meeting'), String(gaps.meeting))
      await page.locator(`${sel('gaps-heatmap')} canvas`).first().waitFor()
      assert.ok(await page.locator(sel('pm-edit')).isVisible(), 'the organiser may edit the template')
      assert.equal(await page.locator(sel('pm-copy')).count(), 0, 'no templates above the city')

      // A throwaway model of the city, removed after the confirm.
      const spare = (
        await call('POST', '/post-models', { org_id: root.id, work_type_id: electrician.id, name: '临时岗位', targets: [{ dimension_id: electrician.dimensions[0].id, target: 40 }] }, orgToken, 201)
      ).body
      await page.reload()
      await pickOption(page, 'post-model-select', '临时岗位')
      await page.locator(sel('post-model-meta'), { hasText: `${electrician.dimensions[0].name} 40` }).waitFor()
      await page.locator(sel('pm-remove')).click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('.el-message', { hasText: '已删除' }).waitFor()
      await call('GET', `/post-models/${spare.id}`, undefined, orgToken, 404)
      assert.match(await page.locator(sel('post-model-select')).innerText(), new RegExp(TEMPLATE_NAME.replace(/[()（）]/g, '.')))
      assert.equal(page.consoleErrors.filter((e) => !/401/.test(e)).length, 0, page.consoleErrors.join('\n'))
    })
  } finally {
    await page.context().close()
  }
})

/**
 * Moves four electricians of other enterprises into the HR's (the small demo's workers get their work types
 * at random, and that enterprise may have none): up to two who meet the sheet's targets and the others short
 * of them where the city's 电工 courses train (识图与接线, 电气故障排除), so that the plan has courses to offer.
 * Resolves to how many of them meet the targets.
 */
async function moveElectricians() {
  const city = (await call('GET', `/post-models/${template.id}/gaps`, undefined, orgToken, 200)).body
  const sheetDims = SHEET_TARGETS.map((_, i) => i)
  const scored = city.workers.filter((w) => w.org_id !== hrOrg.id && sheetDims.every((i) => w.scores[i] !== null))
  const meetsSheet = (w) => SHEET_TARGETS.every((target, i) => w.scores[i].score >= target)
  const meeting = scored.filter(meetsSheet).slice(0, 2)
  const short = scored.filter((w) => !meetsSheet(w) && (w.scores[1].score < SHEET_TARGETS[1] || w.scores[3].score < SHEET_TARGETS[3]))
  const moved = [...meeting, ...short.slice(0, 4 - meeting.length)]
  assert.ok(meeting.length >= 1 && moved.length === 4, `the demo has electricians on both sides of the targets (${meeting.length} meet)`)
  for (const w of moved) await call('PATCH', `/workers/${w.worker_id}`, { org_id: hrOrg.id }, env.adminToken, 200)
  return meeting.length
}

/** A sheet of targets as an organisation keeps it: 能力维度, 目标分. */
async function writeTargets(path, rows) {
  const header = ['能力维度', '目标分'].map((value) => ({ type: String, value }))
  const body = rows.map(([name, target]) => [{ type: String, value: name }, { type: Number, value: target }])
  await writeXlsxFile([header, ...body], { sheet: '岗位目标' }).toFile(path)
  return path
}

test('the HR copies the template, imports targets from a sheet, reads the gaps and the training plan', { timeout: 240000 }, async () => {
  assert.ok(template, 'the template of the first test')
  const moved = await moveElectricians()
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'analytics-gaps-hr', async () => {
      await login(page, env.baseUrl, env.demoAccounts.hr.username, env.demoAccounts.hr.password)
      await page.locator(sel('menu-analytics')).click()
      await page.locator(sel('analytics-page')).waitFor()
      await page.locator('#tab-gaps').click()
      await page.locator(sel('post-model-none')).waitFor()
      assert.equal(await page.locator(sel('pm-edit')).count(), 0)

      // 从模板复制: the city's template, to the HR's enterprise.
      await page.locator(sel('pm-copy')).click()
      const copyDialog = page.locator(sel('pm-copy-dialog'))
      await copyDialog.locator(sel(`pm-template-${template.id}`)).waitFor()
      assert.match(await copyDialog.locator(sel(`pm-template-${template.id}`)).innerText(), new RegExp(root.name))
      assert.match(await copyDialog.locator(sel('pm-copy-org')).innerText(), new RegExp(hrOrg.name))
      await shot(page, 'G02-copy-template')
      await copyDialog.locator(sel('pm-copy-save')).click()
      await copyDialog.waitFor({ state: 'hidden' })
      copy = (await call('GET', '/post-models', undefined, hrToken, 200)).body.items.find((m) => m.org_id === hrOrg.id)
      assert.ok(copy, 'the copy is the enterprise\'s')
      assert.equal(copy.template, false)
      assert.deepEqual(copy.targets.map((x) => x.target), template.targets.map((x) => x.target))
      await page.locator(sel('post-model-meta'), { hasText: hrOrg.name }).waitFor()

      // 编辑 → targets from a sheet: four dimensions by name; the fifth is left out.
      const named = electrician.dimensions.slice(0, SHEET_TARGETS.length).map((d, i) => [d.name, SHEET_TARGETS[i]])
      const sheet = await writeTargets(join(ARTIFACTS, 'post-targets.xlsx'), named)
      await page.locator(sel('pm-edit')).click()
      const dialog = page.locator(sel('pm-dialog'))
      await dialog.waitFor()
      await dialog.locator(`${sel('pm-import')} input[type=file]`).setInputFiles(sheet)
      await dialog.locator(sel('pm-import-note'), { hasText: `已读取 ${named.length} 行` }).waitFor()
      for (const [i, d] of electrician.dimensions.entries()) {
        const input = dialog.locator(`${sel(`pm-target-${d.id}`)} input`)
        if (i < SHEET_TARGETS.length) assert.equal(await input.inputValue(), String(SHEET_TARGETS[i]), `${d.name} from the sheet`)
        else assert.equal(await dialog.locator(`${sel(`pm-target-on-${d.id}`)} input`).isChecked(), false, `${d.name} is not in the sheet`)
      }
      await shot(page, 'G03-targets-imported')
      await dialog.locator(sel('pm-save')).click()
      await dialog.waitFor({ state: 'hidden' })
      copy = (await call('GET', `/post-models/${copy.id}`, undefined, hrToken, 200)).body
      assert.deepEqual(copy.targets.map((x) => [x.dimension_name, x.target]), named, 'the model holds the sheet\'s targets')

      // The analysis, as the API has it.
      const gaps = (await call('GET', `/post-models/${copy.id}/gaps`, undefined, hrToken, 200)).body
      assert.ok(gaps.workers.length >= 4, 'the four moved, and any electricians of the enterprise')
      assert.ok(gaps.meeting >= moved, 'those moved who meet the targets meet the model')
      assert.ok(gaps.workers.every((w) => w.org_id === hrOrg.id), 'the HR\'s scope only')
      assert.deepEqual(gaps.model.targets.map((x) => x.target), SHEET_TARGETS)
      await page.locator(sel('gh-workers'), { hasText: exactly(gaps.workers.length) }).waitFor()
      await page.locator(sel('pm-targets'), { hasText: `${named[0][0]} ${named[0][1]}` }).waitFor() // the edited model's analysis
      assert.equal(await text(page, 'gh-meeting'), String(gaps.meeting))
      assert.equal(await text(page, 'gh-meeting-surely'), String(gaps.meeting_surely))
      assert.equal(await text(page, 'gh-share'), `${Math.round((gaps.meeting / gaps.workers.length) * 1000) / 10}%`)
      const canvas = page.locator(`${sel('gaps-heatmap')} canvas`).first()
      await canvas.waitFor()
      const box = await canvas.boundingBox()
      assert.ok(box && box.width > 400 && box.height >= gaps.workers.length * 28, `the heatmap has a size: ${JSON.stringify(box)}`)
      // A cell's tooltip: the worker, the score with its band (or 无证据), the target.
      await page.locator(sel('gaps-heatmap')).hover()
      const tip = page.locator(`${sel('gaps-heatmap')} div`, { hasText: '目标分' }).last()
      await tip.waitFor()
      const tipText = await tip.innerText()
      assert.ok(gaps.workers.some((w) => tipText.includes(w.name)), tipText)
      assert.match(tipText, /得分 [\d.]+（95%区间 [\d.]+–[\d.]+）|无证据/)
      assert.match(tipText, new RegExp(`目标分 (${SHEET_TARGETS.join('|')})`))
      await page.mouse.move(0, 0)
      for (const d of gaps.departments) {
        assert.equal(await text(page, `gd-workers-${d.org_id}`), String(d.workers))
        assert.equal(await text(page, `gd-meeting-${d.org_id}`), String(d.meeting))
        const gapName = gaps.model.targets.find((x) => x.dimension_id === d.largest_gap_dimension)
        if (gapName) assert.match(await text(page, `gd-gap-${d.org_id}`), new RegExp(gapName.dimension_name))
      }
      const links = page.locator(`${sel('gaps-workers')} ${sel('gaps-worker-link')}`)
      assert.deepEqual((await links.allInnerTexts()).map((s) => s.trim()), gaps.workers.map((w) => w.name), 'largest gap first')
      await shot(page, 'G04-gaps')
      await links.first().click()
      await page.waitForURL(new RegExp(`/workers/${gaps.workers[0].worker_id}$`))
      await page.goBack()
      await page.locator(sel('gh-workers')).waitFor()
      assert.match(page.url(), new RegExp(`model_id=${copy.id}`), 'the model stays in the address')

      // 培训计划: the same model.
      const plan = (await call('GET', `/post-models/${copy.id}/training-plan`, undefined, hrToken, 200)).body
      assert.ok(plan.courses.length > 0, 'the city\'s 电工 courses close some of the gaps')
      await page.locator('#tab-plan').click()
      await page.locator(sel('plan-summary')).waitFor()
      assert.match(await page.locator(`${sel('plan-tab')} ${sel('post-model-select')}`).innerText(), new RegExp(copy.name.replace(/[()（）]/g, '.')))
      const courseLinks = page.locator(`${sel('plan-courses')} ${sel('plan-course-link')}`)
      await courseLinks.first().waitFor()
      assert.deepEqual((await courseLinks.allInnerTexts()).map((s) => s.trim()), plan.courses.map((c) => c.course.name))
      const first = plan.courses[0].course
      assert.equal(await courseLinks.first().getAttribute('href'), `/training/courses/${first.course_id}`)
      const basis = await page.locator(`${sel('plan-courses')} ${sel('plan-basis')}`).first().innerText()
      assert.match(basis, first.basis > 0 ? new RegExp(`按${first.basis}人结业成绩`) : /默认80分/)
      const helped = await page.locator(`${sel('plan-courses')} ${sel('plan-helped')}`).allInnerTexts()
      assert.deepEqual(helped.map(Number), plan.courses.map((c) => c.workers_helped))
      const planned = page.locator(sel('plan-worker'))
      assert.equal(await planned.count(), plan.workers.length)
      assert.deepEqual((await page.locator(sel('plan-worker-link')).allInnerTexts()).map((s) => s.trim()), plan.workers.map((w) => w.name))
      await shot(page, 'G05-training-plan')

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('plan-export')).click()])
      assert.equal(download.suggestedFilename(), '培训计划.xlsx')
      const path = join(ARTIFACTS, 'training-plan.xlsx')
      await download.saveAs(path)
      assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file')
      assert.equal(page.consoleErrors.filter((e) => !/401/.test(e)).length, 0, page.consoleErrors.join('\n'))
    })
  } finally {
    await page.context().close()
  }
})

test('on a 390×844 phone the gaps and the plan fit the screen, the heatmap scrolling in its box', { timeout: 120000 }, async () => {
  assert.ok(copy, 'the copy of the second test')
  const gaps = (await call('GET', `/post-models/${copy.id}/gaps`, undefined, hrToken, 200)).body
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'analytics-gaps-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.hr.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.hr.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('home-page')).waitFor()
      await phone.goto(`${env.baseUrl}/analytics?tab=gaps&org_id=${hrOrg.id}&model_id=${copy.id}`)
      await phone.locator(sel('gh-meeting'), { hasText: exactly(gaps.meeting) }).waitFor()
      await phone.locator(`${sel('gaps-heatmap')} canvas`).first().waitFor()
      await phone.locator(sel('gaps-department-cards')).waitFor()
      await phone.locator(sel('gaps-worker-cards')).waitFor()
      assert.equal(await phone.locator(sel('gaps-departments')).count(), 0, 'no department table on a phone')
      assert.equal(await phone.locator(sel('gaps-workers')).count(), 0, 'no worker table on a phone')
      await phone.waitForTimeout(300) // the chart settles to its width
      const { scrollWidth, clientWidth } = await phone.locator(sel('gaps-heatmap-scroll')).evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }))
      assert.ok(scrollWidth > clientWidth, `the heatmap scrolls sideways in its box (${scrollWidth} > ${clientWidth})`)
      await assertFitsPhone(phone, '岗位差距')
      await shot(phone, 'G06-gaps-phone')
      await phone.locator(sel('gaps-department-cards')).scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '岗位差距 (departments)')
      await shot(phone, 'G07-gaps-phone-departments')

      await phone.locator('#tab-plan').click()
      await phone.locator(sel('plan-course-cards')).waitFor()
      assert.equal(await phone.locator(sel('plan-courses')).count(), 0, 'no course table on a phone')
      await assertFitsPhone(phone, '培训计划')
      await shot(phone, 'G08-plan-phone')
    })
  } finally {
    await phone.context().close()
  }
})
