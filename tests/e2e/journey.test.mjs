// A whole competition through the pages alone, as a new user would run it after `make run`: the demo's
// organiser creates the competition (two venues, a welding event on both, the scheme built in the
// editor), opens registration, registers three entrants in the dialog, draws the workstations (抽签)
// and checks one in by typing its entry code; the admin creates the judges' accounts on 账号管理; the
// organiser assigns three judges and a chief judge (one more judge, from an entrant's enterprise, is
// refused by the conflict-of-interest check) and starts the competition; each judge marks every aspect of
// every entrant on a 390×844 phone by entry code; the chief judge finds the one flagged aspect in the
// standings, resolves it and locks the event; the organiser sets the award tiers, closes marking,
// publishes and finds three certificates, one of which the public /verify page confirms. The API only
// reads back at the end (standings, certificates, the competition's status), and `skillbrain
// verify-audit` checks the audit chain of everything done.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv, ADMIN } from './lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure, pickOption } from './lib/ui.mjs'
import { apiCaller, PASSWORD } from './lib/competition.mjs'
import { RUN } from './lib/data.mjs'

let env
let call
let org // the organiser's page (desktop), signed in once
const COMP = `2026年温州市焊工技能大赛 ${RUN}`
const VENUES = [['鹿城赛区', '温州', '鹿城区技师学院实训楼'], ['瓯海赛区', '温州', '瓯海区职业技术学校']]
// Filled as the journey goes: comp, event, entrants [{name, org, venue, bib, code, workstation}].
const state = { entrants: [] }

// Element Plus puts data-test on the <input> of el-input but on the wrapper of el-input-number.
const field = (p, name) => p.locator(`input${sel(name)}, ${sel(name)} input`).first()
// A literal piece of a RegExp (enterprise names may hold parentheses).
const lit = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const rowsOf = (table) => `${sel(table)} .el-table__body .el-table__row`
// The primary button of the open ElMessageBox.
const confirmBox = (p) => p.locator('.el-message-box__btns .el-button--primary').click()
// The success message saying `text` (earlier ones may still be fading out).
const successToast = (p, text) => p.locator('.el-message--success', { hasText: text }).last().waitFor()

before(async () => {
  env = await startEnv('journey')
  call = apiCaller(env)
  org = await newPage(env)
}, { timeout: 180000 })

after(async () => {
  if (org) await org.context().close().catch(() => {})
  if (env) await env.stop()
})

/** Opens the competition from the menu: 技能竞赛 → its name in the list. */
async function openCompetition(p) {
  await p.locator(sel('menu-competitions')).click()
  await p.locator(sel('competitions-page')).waitFor()
  await p.locator(rowsOf('competitions-table'), { hasText: COMP }).locator(sel('competition-link')).click()
  await p.locator(sel('competition-detail')).waitFor()
}

/** Opens the event from the competition's page and one of its tabs. */
async function openEvent(p, tab) {
  await openCompetition(p)
  await p.locator(rowsOf('events-table'), { hasText: '焊工' }).locator(sel('event-link')).click()
  await p.locator(sel('event-page')).waitFor()
  await p.locator(sel('tab-' + tab)).click()
}

/** Moves the competition one step on its page (the 进入下一阶段 button and its confirmation). */
async function advance(p, status) {
  await openCompetition(p)
  const button = p.locator(sel('competition-advance'))
  assert.match(await button.innerText(), new RegExp(status))
  await button.click()
  await confirmBox(p)
  await p.locator(sel('competition-name'), { hasText: status }).waitFor()
}

test('1. the organiser creates the competition, two venues, a welding event and its scheme', { timeout: 120000 }, async () => {
  const p = org
  await withShotOnFailure(p, 'journey-setup', async () => {
    const { organiser } = env.demoAccounts
    assert.ok(organiser, 'the demo prints an organiser account')
    await login(p, env.baseUrl, organiser.username, organiser.password)
    await p.locator(sel('menu-competitions')).click()
    await p.locator(sel('competitions-page')).waitFor()

    // 新建竞赛
    await p.locator(sel('competition-create')).click()
    const dialog = p.locator(sel('competition-dialog'))
    await dialog.locator(sel('cf-name')).fill(COMP)
    await pickOption(p, 'cf-level', '市级')
    await pickOption(p, 'cf-org', /^温州市总工会$/)
    const dates = dialog.locator(`${sel('cf-dates')} input.el-range-input`)
    await dates.nth(0).fill('2026-11-20')
    await dates.nth(1).fill('2026-11-30')
    await dates.nth(1).press('Enter')
    await shot(p, 'J01-competition-dialog')
    await dialog.locator(sel('cf-save')).click()
    await p.locator(sel('competition-detail')).waitFor()
    await p.locator(sel('competition-name'), { hasText: COMP }).waitFor()
    assert.match(await p.locator(sel('competition-name')).innerText(), /筹备中/)
    state.comp = { id: /\/competitions\/(\d+)/.exec(p.url())[1] }

    // Two venues.
    for (const [name, city, address] of VENUES) {
      await p.locator(sel('venue-add')).click()
      const vd = p.locator(sel('venue-dialog'))
      await vd.locator(sel('vf-name')).fill(name)
      await vd.locator(sel('vf-city')).fill(city)
      await vd.locator(sel('vf-address')).fill(address)
      await vd.locator(sel('vf-save')).click()
      await p.locator(sel('venues-list'), { hasText: name }).waitFor()
    }

    // A welding event at both venues, raw sum (the dialog's defaults: both venues ticked).
    await p.locator(sel('event-add')).click()
    const ed = p.locator(sel('event-dialog'))
    await pickOption(p, 'ef-work-type', /^焊工$/)
    assert.equal(await ed.locator(sel('ef-name')).inputValue(), '焊工', 'the name follows the work type')
    await ed.locator(sel('ef-mode')).getByText('原始分相加').click()
    const ticked = await ed.locator(`${sel('ef-venues')} .el-checkbox.is-checked`).allInnerTexts()
    assert.deepEqual(ticked.map((s) => s.trim()), VENUES.map((v) => v[0]))
    await shot(p, 'J02-event-dialog')
    await ed.locator(sel('ef-save')).click()
    await p.locator(sel('event-page')).waitFor()
    state.event = { id: /\/events\/(\d+)/.exec(p.url())[1] }
    assert.match(await p.locator(sel('event-name')).innerText(), /焊工/)

    // 评分标准: theory 100 (one exam score), a practical task of 100 — a measurement of 40 and two
    // judgement aspects of 30.
    await p.locator(sel('tab-scheme')).click()
    await p.locator(sel('scheme-editor')).waitFor()
    await p.locator(sel('scheme-add-theory')).click()
    await field(p, 'sc-name-0').fill('理论知识')
    await p.locator(sel('scheme-add-practical')).click()
    await field(p, 'sc-name-1').fill('实操：板对接焊')
    await field(p, 'sc-crit-1-0').fill('焊缝尺寸')
    await field(p, 'sc-aname-1-0').fill('焊缝宽度偏差')
    await field(p, 'sc-amax-1-0').fill('40')
    await p.locator(sel('sc-add-aspect-1')).click()
    await field(p, 'sc-crit-1-1').fill('外观')
    await field(p, 'sc-aname-1-1').fill('焊缝成形美观')
    await field(p, 'sc-amax-1-1').fill('30')
    await p.locator(sel('sc-add-aspect-1')).click()
    await field(p, 'sc-crit-1-2').fill('安全文明')
    await field(p, 'sc-aname-1-2').fill('安全文明生产')
    await field(p, 'sc-amax-1-2').fill('30')
    await field(p, 'sc-aname-1-2').click() // blur the number input
    assert.match(await p.locator(sel('sc-sum-1')).innerText(), /100/)
    assert.match(await p.locator(sel('sc-akind-1-1')).innerText(), /评价分/)
    await p.locator(sel('scheme-save')).click()
    await successToast(p, '评分标准已保存')
    assert.equal(await p.locator(sel('scheme-problems')).count(), 0)
    await shot(p, 'J03-scheme-saved')

    const ev = (await call('GET', `/events/${state.event.id}`, undefined, env.adminToken, 200)).body
    assert.deepEqual(ev.components.map((c) => [c.kind, c.name, c.max_mark]), [['theory', '理论知识', 100], ['practical', '实操：板对接焊', 100]])
    assert.deepEqual(ev.components[1].aspects.map((a) => [a.kind, a.name, a.max_mark]), [
      ['measurement', '焊缝宽度偏差', 40], ['judgement', '焊缝成形美观', 30], ['judgement', '安全文明生产', 30]
    ])
    assert.equal(ev.components[0].aspects.length, 1, 'the theory score is one aspect')
    assert.equal(ev.total_mode, 'raw_sum')
    assert.equal(ev.venue_ids.length, 2)
    state.event = ev
  })
})

test('2. registration: three entrants picked in the dialog, the workstation draw, one checked in by its code', { timeout: 120000 }, async () => {
  const p = org
  await withShotOnFailure(p, 'journey-registration', async () => {
    await advance(p, '报名中')
    await openEvent(p, 'entries')
    await p.locator(sel('entries-tab')).waitFor()

    // Three welders from three enterprises: two at 鹿城赛区, one at 瓯海赛区.
    const venues = [VENUES[0][0], VENUES[0][0], VENUES[1][0]]
    for (const venue of venues) {
      await p.locator(sel('entry-register')).click()
      const dialog = p.locator(sel('entry-dialog'))
      await dialog.locator(sel('ef-worker')).waitFor({ state: 'visible' })
      await p.locator(sel('ef-worker')).click()
      const options = p.locator('.entry-worker-popper .el-select-dropdown__item:not(.is-disabled):visible')
      await options.first().waitFor()
      let picked = null
      for (const o of await options.all()) {
        const name = (await o.locator('span').first().innerText()).trim()
        const orgName = (await o.locator('.opt-sub').innerText()).split('·')[1].trim()
        if (!state.entrants.some((e) => e.org === orgName)) {
          picked = { name, org: orgName, venue }
          await o.click()
          break
        }
      }
      assert.ok(picked, 'a welder from another enterprise is offered')
      await pickOption(p, 'ef-venue', venue)
      if (state.entrants.length === 2) await shot(p, 'J04-entry-dialog')
      await dialog.locator(sel('entry-save')).click()
      await successToast(p, '报名成功')
      await dialog.locator(sel('ef-worker')).waitFor({ state: 'hidden' })
      const row = p.locator(rowsOf('entries-table'), { hasText: picked.name })
      await row.waitFor()
      picked.bib = (await row.locator(sel('entry-bib')).innerText()).trim()
      picked.code = (await row.locator(sel('entry-code')).innerText()).trim()
      assert.match(picked.code, /^[A-Z0-9]{6}$/)
      assert.match(await row.innerText(), new RegExp(`${lit(picked.org)}[\\s\\S]*${venue}[\\s\\S]*已报名`))
      state.entrants.push(picked)
    }

    // 抽签: workstations per venue.
    await p.locator(sel('entries-draw')).click()
    await confirmBox(p)
    await successToast(p, '抽签完成')
    await p.waitForFunction(() => document.querySelectorAll('[data-test="entry-workstation"]').length === 3)
    for (const e of state.entrants) {
      e.workstation = (await p.locator(rowsOf('entries-table'), { hasText: e.name }).locator(sel('entry-workstation')).innerText()).trim()
    }
    assert.deepEqual(state.entrants.slice(0, 2).map((e) => e.workstation).sort(), ['A01', 'A02'])
    assert.equal(state.entrants[2].workstation, 'A01')

    // 检录: the first entrant's code typed in the check-in box.
    const first = state.entrants[0]
    await p.locator(sel('checkin-code')).fill(first.code.toLowerCase())
    await p.locator(sel('checkin-submit')).click()
    await successToast(p, `${first.bib} 号 ${first.name} 已检录`)
    const firstRow = p.locator(rowsOf('entries-table'), { hasText: first.name })
    await firstRow.locator(sel('entry-status'), { hasText: '已检录' }).waitFor()
    assert.match(await p.locator(sel('entries-tab')).innerText(), /共 3 人，已检录 1 人/)
    await shot(p, 'J05-entries-drawn-checked-in')
  })
})

const STAFF = [
  ['j1', '陈裁判', '裁判'],
  ['j2', '王裁判', '裁判'],
  ['j3', '李裁判', '裁判'],
  ['chief', '赵裁判长', '裁判长'],
  // From the first entrant's enterprise: the conflict-of-interest check refuses this one.
  ['jx', '周裁判', '裁判']
]
const staff = {}

test('3. the admin creates the judges on 账号管理; the organiser assigns three judges and a chief judge', { timeout: 150000 }, async () => {
  const admin = await newPage(env)
  try {
    await withShotOnFailure(admin, 'journey-users', async () => {
      await login(admin, env.baseUrl, ADMIN.username, ADMIN.password)
      await admin.locator(sel('menu-users')).click()
      await admin.locator(sel('users-page')).waitFor()
      for (const [key, name, role] of STAFF) {
        const username = `journey.${key}.${RUN}`.toLowerCase()
        const orgName = key === 'jx' ? state.entrants[0].org : '温州市总工会'
        await admin.locator(sel('user-create')).click()
        const dialog = admin.locator(sel('user-dialog'))
        await dialog.locator(sel('uf-username')).fill(username)
        await dialog.locator(sel('uf-display-name')).fill(name)
        await dialog.locator(sel('uf-password')).fill(PASSWORD)
        await pickOption(admin, 'uf-role-0', new RegExp(`^${role}$`))
        await pickOption(admin, 'uf-org-0', new RegExp(`(^| / )${lit(orgName)}$`))
        if (key === 'chief') await shot(admin, 'J06-user-dialog')
        await dialog.locator(sel('uf-save')).click()
        await dialog.locator(sel('uf-username')).waitFor({ state: 'hidden' })
        const row = admin.locator(rowsOf('users-table'), { hasText: username })
        await row.waitFor()
        assert.match(await row.innerText(), new RegExp(`${name}[\\s\\S]*${role} · ${lit(orgName)}`))
        staff[key] = { username, name }
      }
    })
  } finally {
    await admin.context().close()
  }

  const p = org
  await withShotOnFailure(p, 'journey-judges', async () => {
    await p.locator(sel('tab-judges')).click()
    await p.locator(sel('judges-tab')).waitFor()
    const dialog = p.locator(sel('judge-dialog'))
    for (const key of ['j1', 'j2', 'j3', 'chief']) {
      await p.locator(sel('judge-assign')).click()
      await dialog.locator(sel('jf-user')).waitFor({ state: 'visible' })
      await pickOption(p, 'jf-user', staff[key].username)
      if (key === 'chief') {
        await dialog.locator(sel('jf-chief')).click()
        await shot(p, 'J07-judge-dialog-chief')
      }
      await dialog.locator(sel('jf-save')).click()
      await dialog.locator(sel('jf-user')).waitFor({ state: 'hidden' })
      await p.locator(rowsOf('judges-table'), { hasText: staff[key].name }).waitFor()
    }
    // A judge from the first entrant's enterprise: refused, with the server's reason; not assigned.
    await p.locator(sel('judge-assign')).click()
    await dialog.locator(sel('jf-user')).waitFor({ state: 'visible' })
    // The candidate's home enterprise is shown beside the account.
    await p.locator(sel('jf-user')).click()
    const candidate = p.locator('.judge-user-popper .el-select-dropdown__item:visible', { hasText: staff.jx.username })
    assert.match(await candidate.innerText(), new RegExp(`裁判 · ${lit(state.entrants[0].org)}`))
    await candidate.click()
    await dialog.locator(sel('jf-save')).click()
    const conflict = dialog.locator(sel('jf-conflict'))
    await conflict.waitFor()
    assert.match(await conflict.innerText(), /该裁判与 1 名参赛者来自同一单位/)
    assert.doesNotMatch(await conflict.innerText(), /entrant\(s\)/, 'only the Chinese half in zh-CN')
    await shot(p, 'J08-judge-conflict')
    await dialog.locator('.el-dialog__headerbtn').click()
    await dialog.locator(sel('jf-user')).waitFor({ state: 'hidden' })
    const rows = p.locator(rowsOf('judges-table'))
    assert.equal(await rows.count(), 4)
    assert.match(await p.locator(rowsOf('judges-table'), { hasText: staff.chief.name }).innerText(), /裁判长/)
    assert.equal(await p.locator(rowsOf('judges-table'), { hasText: staff.jx.name }).count(), 0)
    await shot(p, 'J09-judges')
  })
})

// The panel's marks: [theory, 焊缝宽度偏差 (measured), 焊缝成形美观 per judge, 安全文明生产 per judge], by
// entrant. The third entrant's 焊缝成形美观 (1, 3, 2) differs by 2: flagged for the chief judge.
//   totals: 90 + 38 + 30 + 26.67 = 184.67; 85 + 35.5 + 20 + 23.33 = 163.83; 70 + 30 + 20 + 10 = 130.
const MARKS = [
  [90, 38, [3, 3, 3], [3, 3, 2]],
  [85, 35.5, [2, 2, 2], [2, 3, 2]],
  [70, 30, [1, 3, 2], [1, 1, 1]]
]
const TOTALS = [184.67, 163.83, 130]

test('4. the competition starts; each judge marks every entrant by code on a phone', { timeout: 240000 }, async () => {
  await withShotOnFailure(org, 'journey-running', async () => {
    await advance(org, '比赛进行中')
  })
  const [theory, practical] = state.event.components
  const th = theory.aspects[0].id
  const [m, look, safety] = practical.aspects.map((a) => a.id)
  for (const [j, key] of ['j1', 'j2', 'j3'].entries()) {
    const phone = await newPhonePage(env)
    const context = phone.context()
    try {
      await withShotOnFailure(phone, `journey-phone-${key}`, async () => {
        // A judge-only account lands on 评分.
        await phone.goto(env.baseUrl + '/login')
        await phone.locator(sel('login-username')).fill(staff[key].username)
        await phone.locator(sel('login-password')).fill(PASSWORD)
        await phone.locator(sel('login-submit')).click()
        await phone.locator(sel('judging-page')).waitFor()
        assert.match(await phone.locator(sel('judge-task-title')).innerText(), new RegExp(`${COMP}[\\s\\S]*焊工`))
        for (const [i, e] of state.entrants.entries()) {
          const [thMark, mMark, lookMarks, safetyMarks] = MARKS[i]
          await phone.locator(sel('judge-entry-' + e.code)).click()
          const view = phone.locator(sel('judge-entry-view-' + e.code))
          await view.waitFor()
          for (const [aspect, value] of [[th, thMark], [m, mMark]]) {
            const input = view.locator(`${sel('aspect-' + aspect)} input`)
            await input.fill(String(value))
            await input.press('Enter')
          }
          await view.locator(`${sel('aspect-' + look)} ${sel('judge-' + lookMarks[j])}`).click()
          await view.locator(`${sel('aspect-' + safety)} ${sel('judge-' + safetyMarks[j])}`).click()
          await phone.waitForFunction((code) => /4\/4/.test(document.querySelector(`[data-test="judge-entry-view-${code}"] [data-test="judge-entry-count"]`).textContent), e.code)
          await phone.waitForFunction(() => /待上传 0 条/.test(document.querySelector('[data-test="judge-pending"]').textContent))
          if (j === 0 && i === 0) await shot(phone, 'J10-judge-phone-entry')
          await phone.locator(sel('judge-back')).click()
        }
        await phone.locator(sel('judge-entries')).waitFor()
        assert.match(await phone.locator(sel('judging-page')).innerText(), /已完成 3\/3/)
        if (j === 2) await shot(phone, 'J11-judge-phone-done')
        assert.deepEqual(phone.consoleErrors, [])
      })
    } finally {
      await context.close()
    }
  }
})

test('5. the chief judge sees the three ranked, resolves the flagged aspect and locks the event', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'journey-chief', async () => {
      await login(p, env.baseUrl, staff.chief.username, PASSWORD)
      await openEvent(p, 'standings')
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 3, rowsOf('standings-table'))
      const rows = p.locator(rowsOf('standings-table'))
      for (let i = 0; i < 3; i++) {
        assert.equal((await rows.nth(i).locator(sel('standings-name')).innerText()).trim(), state.entrants[i].name)
        assert.equal((await rows.nth(i).locator(sel('standings-rank')).innerText()).trim(), String(i + 1))
        assert.equal((await rows.nth(i).locator(sel('standings-total')).innerText()).trim(), TOTALS[i].toFixed(2))
      }
      const flagged = rows.nth(2)
      assert.match(await flagged.locator(sel('standings-flagged-aspects')).innerText(), /焊缝成形美观/)
      await p.locator(`${sel('standings-chart')} canvas`).waitFor()
      await shot(p, 'J12-standings-flagged')

      await flagged.locator(sel('standings-resolve')).click()
      const dialog = p.locator(sel('resolve-dialog'))
      await dialog.locator(sel('resolve-aspects')).waitFor()
      assert.match(await dialog.innerText(), /焊缝成形美观/)
      await dialog.locator(sel('resolve-note')).fill('复核现场录像，维持三名裁判的评分')
      await dialog.locator(sel('resolve-save')).click()
      await dialog.locator(sel('resolve-aspects')).waitFor({ state: 'hidden' })
      await p.waitForFunction(() => !document.querySelector('[data-test="standings-flagged"]'))

      await p.locator(sel('standings-lock')).click()
      await confirmBox(p)
      await p.locator(sel('standings-locked')).waitFor()
      assert.equal(await p.locator(sel('standings-lock-error')).count(), 0)
      await shot(p, 'J13-standings-locked')
    })
  } finally {
    await p.context().close()
  }
})

test('6. the organiser sets the award tiers, closes marking, publishes and verifies a certificate', { timeout: 150000 }, async () => {
  const p = org
  await withShotOnFailure(p, 'journey-publish', async () => {
    await openEvent(p, 'awards')
    await p.locator(sel('awards-tab')).waitFor()
    for (let i = 0; i < 3; i++) await p.locator(sel('awards-add')).click()
    assert.deepEqual(
      await Promise.all([0, 1, 2].map((i) => p.locator(sel('aw-name-' + i)).inputValue())),
      ['一等奖', '二等奖', '三等奖']
    )
    await p.locator(sel('aw-honour-0')).fill('技术能手')
    await p.locator(sel('awards-save')).click()
    await successToast(p, '奖项设置已保存')
    await shot(p, 'J14-awards')

    await p.locator(sel('tab-standings')).click()
    await p.locator(sel('standings-award')).first().waitFor()
    const rows = p.locator(rowsOf('standings-table'))
    assert.match(await rows.nth(0).innerText(), /一等奖[\s\S]*技术能手/)
    assert.match(await rows.nth(1).innerText(), /二等奖/)
    assert.match(await rows.nth(2).innerText(), /三等奖/)

    await advance(p, '评分已截止')
    await advance(p, '成绩已发布')
    assert.equal(await p.locator(sel('competition-advance')).count(), 0, 'published is the last stage')
    // Venues and events are final once marking is closed.
    assert.equal(await p.locator(`${sel('venue-add')}, ${sel('event-add')}`).count(), 0)
    await shot(p, 'J15-competition-published')

    await p.locator(rowsOf('events-table'), { hasText: '焊工' }).locator(sel('event-link')).click()
    await p.locator(sel('event-page')).waitFor()
    await p.locator(sel('tab-results')).click()
    await p.waitForFunction((s) => document.querySelectorAll(s).length === 3, rowsOf('certificates-table'))
    const holders = await p.locator(sel('certificate-holder')).allInnerTexts()
    assert.deepEqual(holders.map((h) => h.trim()).sort(), state.entrants.map((e) => e.name).sort())
    await shot(p, 'J16-certificates')

    // The public verification page of the first prize's certificate.
    const certRow = p.locator(rowsOf('certificates-table'), { hasText: state.entrants[0].name })
    const [verify] = await Promise.all([p.context().waitForEvent('page'), certRow.locator(sel('certificate-verify')).click()])
    await verify.waitForLoadState()
    await verify.getByText('证书有效').first().waitFor()
    assert.match(await verify.locator('body').innerText(), /一等奖/)
    await shot(verify, 'J17-verify')
    await verify.close()
  })
})

test('7. read back: standings complete and locked, three certificates, published; the audit chain holds', { timeout: 60000 }, async () => {
  const s = (await call('GET', `/events/${state.event.id}/standings`, undefined, env.adminToken, 200)).body
  assert.equal(s.locked, true)
  assert.equal(s.items.length, 3)
  assert.ok(s.items.every((r) => r.complete && !r.flagged), 'every entrant fully marked, no open flag')
  assert.deepEqual(s.items.map((r) => [r.rank, r.entry.worker_name, Math.round(r.total * 100) / 100, r.award]), [
    [1, state.entrants[0].name, TOTALS[0], '一等奖'],
    [2, state.entrants[1].name, TOTALS[1], '二等奖'],
    [3, state.entrants[2].name, TOTALS[2], '三等奖']
  ])
  const entries = (await call('GET', `/events/${state.event.id}/entries`, undefined, env.adminToken, 200)).body.items
  assert.deepEqual(entries.map((e) => [e.entry_code, e.workstation, e.status]), state.entrants.map((e, i) => [e.code, e.workstation, i === 0 ? 'checked_in' : 'registered']))
  const certs = (await call('GET', `/events/${state.event.id}/certificates`, undefined, env.adminToken, 200)).body.items
  assert.equal(certs.length, 3)
  const comp = (await call('GET', `/competitions/${state.comp.id}`, undefined, env.adminToken, 200)).body
  assert.equal(comp.status, 'published')
  assert.equal(comp.venues.length, 2)
  const judges = (await call('GET', `/events/${state.event.id}/judges`, undefined, env.adminToken, 200)).body.items
  assert.equal(judges.length, 4)
  assert.equal(judges.filter((j) => j.chief).length, 1)
  assert.match(await env.cli(['verify-audit']), /audit chain OK/)
})
