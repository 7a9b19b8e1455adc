// 岗位技能考核 in the browser, on the small demo. An HR of the demo worker's enterprise opens 岗位考核, creates
// an assessment in the 新建考核 dialog — their own enterprise offered, work type 电工 (whose demo bank tags every
// question with a capability dimension), a short blueprint paper, 全选 of the enterprise's electricians — and
// lands on its report. The demo worker, on a 390×844 phone, finds it under 我的考核, sits the exam through the
// existing exam page (right on most questions, wrong on one dimension's) and submits; their report shows the
// exam score, the overall score with its band and rank, a radar and every dimension as the API says (无证据 where
// there is none, never 0), and fits the screen. The HR's report ranks the worker with per-dimension scores,
// draws the dimension means, and turns the table into cards on a phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, pickOption, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { RUN } from '../lib/data.mjs'
import { apiCaller, userMaker, PASSWORD } from '../lib/competition.mjs'

let env, call
let demo // the demo worker: { id, name, org_id, org_name }
let electrician // the 电工 work type, with its dimensions
let hr // an HR account of the demo worker's enterprise
let workerToken
let bank // the electricians' questions as an organiser reads them (options with `correct`)
let assessmentId, assessment
const TITLE = `电工岗位技能考核${RUN}`

before(async () => {
  env = await startEnv('assessments')
  call = apiCaller(env)
  workerToken = (await call('POST', '/auth/login', env.demoAccounts.worker, undefined, 200)).body.token
  const demoId = (await call('GET', '/me', undefined, workerToken, 200)).body.user.worker_id
  assert.ok(demoId, 'the demo worker account is linked to a worker')
  demo = (await call('GET', `/workers/${demoId}`, undefined, env.adminToken, 200)).body
  electrician = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '电工')
  assert.ok(electrician && electrician.dimensions.length >= 3, 'the demo has electricians with capability dimensions')
  bank = (await call('GET', `/questions?work_type_id=${electrician.id}&limit=200`, undefined, env.adminToken, 200)).body.items
  assert.ok(bank.filter((q) => q.type === 'single_choice').length >= 6 && bank.filter((q) => q.type === 'true_false').length >= 4, 'the bank can fill the paper')
  hr = await userMaker(env, call, 'assess')('hr', [{ role: 'hr', org_id: demo.org_id }])
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

const scoreText = (s) => `${Math.round(s.score)} ± ${Math.round((s.high - s.low) / 2)}`
const verdictOf = (w, id) => (w.strengths.includes(id) ? 'strength' : w.weaknesses.includes(id) ? 'weakness' : '')

test('an HR creates an assessment of their enterprise\'s electricians in the 新建考核 dialog', { timeout: 180000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'assessment-create', async () => {
      await login(page, env.baseUrl, hr.username, PASSWORD)
      await page.locator(sel('menu-assessments')).click()
      await page.locator(sel('assessments-page')).waitFor()

      await page.locator(sel('assessment-create')).click()
      const dialog = page.locator(sel('assessment-dialog'))
      await dialog.waitFor()
      // The HR's own enterprise is offered; the workers wait for the work type.
      await dialog.locator(sel('af-org'), { hasText: demo.org_name }).waitFor()
      assert.match(await dialog.locator(sel('aw-list')).innerText(), /请先选择考核单位和工种/)
      await pickOption(page, 'xf-work-type', /^电工$/, { popper: 'xf-work-type-popper' })
      assert.match(await dialog.locator(sel('xf-title')).inputValue(), /电工岗位技能考核/, 'a title to start from')
      await dialog.locator(sel('xf-title')).fill(TITLE)
      await dialog.locator(`${sel('xf-duration')} input`).fill('30')
      await dialog.locator(`${sel('xf-duration')} input`).blur()
      // A short paper: six single choices and four true/false questions of the tagged bank.
      await dialog.locator(`${sel('bp-count-0')} input`).fill('6')
      await dialog.locator(`${sel('bp-count-0')} input`).blur()
      await dialog.locator(sel('bp-add')).click()
      await pickOption(page, 'bp-type-1', '判断题')
      await dialog.locator(`${sel('bp-count-1')} input`).fill('4')
      await dialog.locator(`${sel('bp-count-1')} input`).blur()
      await dialog.locator(`${sel('bp-marks-1')} input`).fill('2')
      await dialog.locator(`${sel('bp-marks-1')} input`).blur()
      assert.match(await dialog.locator(sel('bp-total')).innerText(), /20/)

      // 全选: every electrician of the enterprise (and the units under it), the demo worker among them.
      const electricians = (await call('GET', `/workers?org_id=${demo.org_id}&work_type_id=${electrician.id}&limit=200`, undefined, hr.token, 200)).body.items
      assert.ok(electricians.some((w) => w.id === demo.id))
      await dialog.locator(sel('aw-worker-' + demo.id)).waitFor()
      await dialog.locator(sel('aw-select-all')).click()
      await dialog.locator(sel('aw-count'), { hasText: `已选 ${electricians.length} / ${electricians.length} 人` }).waitFor()
      // The union's contest events are not the enterprise HR's to read: the assessment is the exam alone.
      assert.equal(await dialog.locator(`${sel('af-event')} input`).isDisabled(), true)
      await shot(page, 'A01-assessment-dialog')
      await dialog.locator(sel('af-save')).click()

      await page.locator(sel('assessment-report')).waitFor()
      await page.locator(sel('report-title'), { hasText: TITLE }).waitFor()
      assessmentId = /\/assessments\/(\d+)/.exec(page.url())[1]
      assessment = (await call('GET', `/assessments/${assessmentId}`, undefined, hr.token, 200)).body
      assert.equal(assessment.title, TITLE)
      assert.equal(String(assessment.org_id), String(demo.org_id))
      assert.equal(String(assessment.work_type_id), String(electrician.id))
      assert.equal(assessment.exam_status, 'published', 'published in the same step')
      assert.equal(assessment.candidates, electricians.length)
      assert.equal(assessment.event_id, null)
      assert.equal((await page.locator(sel('report-candidates')).innerText()).trim(), String(electricians.length))
      assert.equal((await page.locator(sel('report-submitted')).innerText()).trim(), '0')
      // Nobody has sat it: no ranks, no scores — 无证据, never 0.
      const row = page.locator(`${sel('report-table')} .el-table__row`, { hasText: demo.name })
      assert.equal((await row.locator(sel('rw-rank')).innerText()).trim(), '—')
      assert.match(await row.locator(sel('rw-exam')).innerText(), /未开考/)
      assert.equal((await row.locator(sel('rw-overall')).innerText()).trim(), '无证据')

      // The list shows it with its progress.
      await page.locator(sel('menu-assessments')).click()
      const listed = page.locator(`${sel('assessments-table')} .el-table__row`, { hasText: TITLE })
      await listed.waitFor()
      assert.equal((await listed.locator(sel('assessment-progress')).innerText()).trim(), `0 / ${electricians.length}`)
      assert.match(await listed.innerText(), /仅理论考试/)
      await shot(page, 'A02-assessments-list')
    })
  } finally {
    await page.context().close()
  }
})

/** Answers the question on screen from the bank: the right options, or the first wrong one when `wrong`. */
async function answerFromBank(phone, { wrong }) {
  const card = phone.locator('[data-test^="question-"][data-type]').first()
  const stem = (await card.locator(sel('question-stem')).innerText()).trim()
  const q = bank.find((b) => b.stem.trim() === stem)
  assert.ok(q, `the bank has the question "${stem}"`)
  const right = new Set(q.options.filter((o) => o.correct).map((o) => o.text))
  const options = card.locator('button.option')
  const n = await options.count()
  for (let i = 0; i < n; i++) {
    const text = (await options.nth(i).locator('.opt-text').innerText()).trim()
    if (right.has(text) !== wrong) {
      await options.nth(i).click()
      return q
    }
  }
  throw new Error(`no option to click for "${stem}"`)
}

test('the worker sits the assessment on a phone and reads their report under 我的考核', { timeout: 180000 }, async () => {
  assert.ok(assessmentId, 'the assessment was created')
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'assessment-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.worker.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.worker.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('my-record-page')).waitFor()
      await phone.locator(sel('menu-toggle')).click()
      await phone.locator(`.nav-drawer ${sel('menu-my-assessments')}`).click()
      await phone.locator(sel('my-assessments-page')).waitFor()
      const card = phone.locator(sel('my-assessment-' + assessmentId))
      await card.waitFor()
      assert.equal(await card.getAttribute('data-window'), 'open')
      assert.match(await card.innerText(), new RegExp(TITLE))
      await assertFitsPhone(phone, '我的考核 on a phone')
      await shot(phone, 'A03-my-assessments-phone')

      // Before the exam: no report yet, and the way to the exam.
      await card.click()
      await phone.locator(sel('my-assessment-page')).waitFor()
      await phone.locator(sel('ma-empty')).waitFor()
      assert.equal(await phone.locator(sel('ma-exam')).getAttribute('data-status'), 'not_started')
      await phone.locator(sel('ma-take')).click()

      // The existing exam page: ten questions, right on all but the last dimension's.
      await phone.locator(sel('question-0')).waitFor()
      const total = Number((await phone.locator(sel('nav-open')).innerText()).split('/')[1])
      assert.equal(total, 10)
      const weakDimension = String(electrician.dimensions[electrician.dimensions.length - 1].id)
      for (let i = 0; i < total; i++) {
        await phone.locator(sel('question-' + i)).waitFor()
        const shownStem = (await phone.locator(`${sel('question-' + i)} ${sel('question-stem')}`).innerText()).trim()
        const q = bank.find((b) => b.stem.trim() === shownStem)
        await answerFromBank(phone, { wrong: !!q && String(q.dimension_id) === weakDimension })
        if (i < total - 1) await phone.locator(sel('q-next')).click()
      }
      await phone.waitForFunction(() => document.querySelector('[data-test="save-state"]')?.getAttribute('data-state') === 'saved')
      await phone.locator(sel('submit-open')).click()
      await phone.locator(sel('submit-dialog')).waitFor({ state: 'visible' })
      await phone.locator(sel('submit-confirm')).click()
      await phone.locator(sel('exam-result')).waitFor()

      // 我的考核 → the report.
      await phone.locator(sel('menu-toggle')).click()
      await phone.locator(`.nav-drawer ${sel('menu-my-assessments')}`).click()
      await phone.locator(sel('my-assessment-' + assessmentId)).click()
      await phone.locator(sel('ma-overall')).waitFor()
      const api = (await call('GET', `/assessments/${assessmentId}/workers/${demo.id}`, undefined, workerToken, 200)).body
      const me = api.workers[0]
      assert.equal(me.exam_status, 'submitted')
      assert.ok(me.overall, 'the exam scored the worker')
      assert.equal(await phone.locator(sel('ma-exam')).getAttribute('data-status'), 'submitted')
      assert.equal((await phone.locator(sel('ma-exam-score')).innerText()).trim(), `${Math.round(me.exam_score * 100) / 100} / ${me.exam_max} 分`)
      assert.equal((await phone.locator(sel('ma-passed')).innerText()).trim(), me.passed ? '合格' : '不合格')
      assert.equal(await phone.locator(sel('ma-take')).count(), 0, 'no way back into a submitted exam')
      assert.equal((await phone.locator(sel('ma-overall-score')).innerText()).trim(), String(Math.round(me.overall.score)))
      assert.match(await phone.locator(sel('ma-overall')).innerText(), new RegExp(`± ${Math.round((me.overall.high - me.overall.low) / 2)}`))
      assert.match(await phone.locator(sel('ma-rank')).innerText(), new RegExp(`第 ${me.rank} 名 / 共 ${api.assessment.candidates} 人`))
      assert.equal(me.rank, 1, 'the only one who has sat it')
      assert.ok(await phone.locator(`${sel('assessment-radar')} canvas`).count() > 0, 'the radar is drawn')
      // Every dimension as the API says: a score with its band and a note, or 无证据 — never a 0.
      let withScore = 0
      for (const [i, d] of api.dimensions.entries()) {
        const item = phone.locator(sel('ma-dim-' + d.id))
        const s = me.dimensions[i]
        assert.equal(await item.getAttribute('data-verdict'), verdictOf(me, d.id), d.name)
        if (s) {
          withScore++
          assert.equal((await item.locator(sel('ma-dim-score')).innerText()).trim(), scoreText(s), d.name)
          assert.match(await item.locator(sel('ma-dim-note')).innerText(), /长处|加强|没有明显差别/)
        } else {
          assert.equal((await item.locator(sel('ma-dim-score')).innerText()).trim(), '无证据', d.name)
          assert.match(await item.locator(sel('ma-dim-note')).innerText(), /暂无证据/)
        }
      }
      assert.ok(withScore >= 2, 'the tagged bank measured several dimensions')
      // A group of one keeps its means to itself.
      assert.ok(api.dimensions.every((d) => d.mean === null))
      await assertFitsPhone(phone, 'the assessment report on a phone')
      await shot(phone, 'A04-my-assessment-phone')
      await phone.locator(sel('ma-dim-' + api.dimensions[api.dimensions.length - 1].id)).scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, 'the dimensions of the report on a phone')
      await shot(phone, 'A05-my-assessment-dimensions-phone')
      // On to 我的能力画像.
      await phone.locator(sel('ma-portrait-link')).click()
      await phone.locator(sel('my-portrait-page')).waitFor()
      assert.deepEqual(phone.consoleErrors, [])
    })
  } finally {
    await phone.context().close()
  }
})

test('the HR\'s report ranks the worker with per-dimension scores and says where to train', { timeout: 120000 }, async () => {
  assert.ok(assessmentId, 'the assessment was created')
  const report = (await call('GET', `/assessments/${assessmentId}/report`, undefined, hr.token, 200)).body
  const me = report.workers.find((w) => w.worker_id === demo.id)
  assert.equal(report.workers[0].worker_id, demo.id, 'ranked first')
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'assessment-report', async () => {
      await login(page, env.baseUrl, hr.username, PASSWORD)
      await page.goto(`${env.baseUrl}/assessments/${assessmentId}`)
      await page.locator(sel('assessment-report')).waitFor()
      assert.equal((await page.locator(sel('report-submitted')).innerText()).trim(), '1')
      assert.equal((await page.locator(sel('report-scored')).innerText()).trim(), '1')
      assert.ok(await page.locator(`${sel('means-chart')} canvas`).count() > 0, 'the dimension means are drawn')
      for (const d of report.dimensions)
        assert.equal(await page.locator(sel('train-dim-' + d.id)).getAttribute('data-weak'), String(d.weak), d.name)

      const first = page.locator(`${sel('report-table')} .el-table__body-wrapper .el-table__row`).first()
      assert.match(await first.innerText(), new RegExp(demo.name), 'the worker heads the ranking')
      assert.equal((await first.locator(sel('rw-rank')).innerText()).trim(), '1')
      assert.equal((await first.locator(sel('rw-overall')).innerText()).trim(), scoreText(me.overall))
      assert.match(await first.locator(sel('rw-exam')).innerText(), new RegExp(`${Math.round(me.exam_score * 100) / 100} / ${me.exam_max}`))
      assert.match(await first.locator(sel('rw-exam')).innerText(), me.passed ? /合格/ : /不合格/)
      for (const [i, d] of report.dimensions.entries()) {
        const cell = first.locator(sel('rw-dim-' + d.id))
        assert.equal((await cell.innerText()).trim(), me.dimensions[i] ? scoreText(me.dimensions[i]) : '无证据', d.name)
        assert.equal(await cell.getAttribute('data-verdict'), verdictOf(me, d.id), d.name)
      }
      // The name leads to the worker's page with the full portrait.
      await page.locator(sel('report-table')).scrollIntoViewIfNeeded()
      await shot(page, 'A06-assessment-report')
      await first.locator(sel('rw-name')).click()
      await page.locator(sel('portrait')).waitFor()
      assert.match(page.url(), new RegExp(`/workers/${demo.id}$`))
    })
  } finally {
    await page.context().close()
  }

  // On a phone the ranking is a list of cards that fits the screen.
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'assessment-report-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(hr.username)
      await phone.locator(sel('login-password')).fill(PASSWORD)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('menu-toggle')).waitFor()
      await phone.goto(`${env.baseUrl}/assessments/${assessmentId}`)
      const card = phone.locator(sel('report-worker-' + demo.id))
      await card.waitFor()
      assert.equal(await phone.locator(sel('report-table')).count(), 0)
      assert.equal((await card.locator(sel('rw-overall')).innerText()).trim(), scoreText(me.overall))
      await assertFitsPhone(phone, 'the assessment report on a phone')
      await card.scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, 'the ranking cards on a phone')
      await shot(phone, 'A07-assessment-report-phone')
      assert.deepEqual(phone.consoleErrors, [])
    })
  } finally {
    await phone.context().close()
  }
})

test('the union\'s organiser may add the practical tasks of a contest event of the work type', { timeout: 90000 }, async () => {
  const { organiser } = env.demoAccounts
  const token = (await call('POST', '/auth/login', organiser, undefined, 200)).body.token
  const competitions = (await call('GET', '/competitions', undefined, token, 200)).body.items
  const events = []
  for (const c of competitions)
    for (const e of (await call('GET', `/competitions/${c.id}`, undefined, token, 200)).body.events) events.push({ ...e, label: `${c.name} · ${e.name}` })
  assert.ok(events.length, 'the demo has contest events')
  const workTypeName = events[0].work_type_name
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'assessment-event', async () => {
      await login(page, env.baseUrl, organiser.username, organiser.password)
      await page.goto(env.baseUrl + '/assessments')
      await page.locator(sel('assessment-create')).click()
      const dialog = page.locator(sel('assessment-dialog'))
      await dialog.waitFor()
      await pickOption(page, 'xf-work-type', new RegExp(`^${workTypeName}$`), { popper: 'xf-work-type-popper' })
      // Every event of that work type the organiser can read is offered, and only those.
      // The competitions load when the dialog opens; the picker is disabled until they have.
      await page.locator(`${sel('af-event')} .el-select__wrapper:not(.is-disabled)`).waitFor()
      await page.locator(sel('af-event')).click()
      await page.locator('.af-event-popper .el-select-dropdown__item').first().waitFor()
      const offered = await page.locator('.af-event-popper .el-select-dropdown__item:visible').allInnerTexts()
      const expected = events.filter((e) => e.work_type_name === workTypeName).map((e) => e.label)
      assert.deepEqual(offered.map((x) => x.trim()).sort(), expected.sort())
      await page.locator('.af-event-popper .el-select-dropdown__item:visible').first().click()
      await dialog.locator(sel('af-event'), { hasText: offered[0].trim() }).waitFor()
      await shot(page, 'A08-assessment-event')
    })
  } finally {
    await page.context().close()
  }
})
