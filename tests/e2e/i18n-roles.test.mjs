// The language switch turns the UI into English (and remembers it); a viewer sees a smaller menu
// than an admin and no write buttons.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv, ADMIN } from './lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from './lib/ui.mjs'
import { RUN } from './lib/data.mjs'

let env
const pages = []

before(async () => {
  env = await startEnv('i18n-roles')
}, { timeout: 180000 })

after(async () => {
  for (const p of pages) await p.context().close().catch(() => {})
  if (env) await env.stop()
})

test('switching to English changes the menu and is remembered', { timeout: 90000 }, async () => {
  const page = await newPage(env)
  pages.push(page)
  await withShotOnFailure(page, 'language', async () => {
    await login(page, env.baseUrl, ADMIN.username, ADMIN.password)
    assert.equal((await page.locator(sel('menu-workers')).innerText()).trim(), '职工档案')
    await page.locator(sel('lang-switch-trigger')).click()
    await page.locator(sel('lang-en')).click()
    await page.locator(sel('menu-workers'), { hasText: 'Workers' }).waitFor()
    assert.equal((await page.locator(sel('menu-orgs')).innerText()).trim(), 'Organisations')
    assert.equal((await page.locator(sel('menu-assessments')).innerText()).trim(), 'Post assessments')
    await page.locator(sel('menu-workers')).click()
    await page.locator(sel('workers-page')).waitFor()
    await page.locator(sel('worker-create-btn'), { hasText: 'New worker' }).waitFor()
    await shot(page, '09-workers-english')

    await page.reload()
    await page.locator(sel('menu-workers'), { hasText: 'Workers' }).waitFor()
    await page.locator(sel('lang-switch-trigger')).click()
    await page.locator(sel('lang-zh')).click()
    await page.locator(sel('menu-workers'), { hasText: '职工档案' }).waitFor()
  })
})

test('a viewer sees a smaller menu and no write buttons', { timeout: 90000 }, async () => {
  const orgs = await env.api('GET', '/orgs', undefined, env.adminToken)
  assert.equal(orgs.status, 200)
  const root = orgs.body.items.find((o) => o.parent_id == null) || orgs.body.items[0]
  const username = 'viewer' + RUN.toLowerCase()
  const password = 'Viewer123!'
  const created = await env.api(
    'POST',
    '/users',
    { username, password, display_name: '只读观察员', grants: [{ role: 'viewer', org_id: root.id }] },
    env.adminToken
  )
  assert.equal(created.status, 201, JSON.stringify(created.body))

  const page = await newPage(env)
  pages.push(page)
  await withShotOnFailure(page, 'viewer', async () => {
    await login(page, env.baseUrl, username, password)
    const items = await page.locator(`${sel('side-menu')} .el-menu-item`).evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-test'))
    )
    // Viewers read competitions too (GET /competitions is open to every reading role) and live boards; no scoring menu.
    assert.deepEqual(items, ['menu-home', 'menu-orgs', 'menu-work-types', 'menu-workers', 'menu-talent-search', 'menu-analytics', 'menu-competitions', 'menu-live'])
    assert.equal(await page.locator(sel('menu-judging')).count(), 0)
    assert.equal(await page.locator(sel('menu-training')).count(), 0, 'training is managed by admins, organisers and HR only')
    assert.equal(await page.locator(sel('menu-assessments')).count(), 0, 'assessments are run by admins, organisers and HR only')
    assert.equal(await page.locator(sel('menu-users')).count(), 0)
    assert.equal(await page.locator(sel('menu-audit')).count(), 0)
    await page.locator(sel('menu-workers')).click()
    await page.locator(sel('workers-page')).waitFor()
    await page.locator(`${sel('workers-table')} .el-table__row`).first().waitFor()
    assert.equal(await page.locator(sel('worker-create-btn')).count(), 0)
    assert.equal(await page.locator(sel('worker-import-btn')).count(), 0)
    await shot(page, '10-viewer-workers')

    // The admin-only page is not reachable by URL either.
    await page.goto(env.baseUrl + '/users')
    await page.locator(sel('home-page')).waitFor()
  })
})

test('岗位考核 is in the menu of admins, organisers and HR; 我的考核 in the worker\'s', { timeout: 120000 }, async () => {
  const { organiser, hr, worker } = env.demoAccounts
  for (const [who, account] of [['admin', ADMIN], ['organiser', organiser], ['hr', hr], ['worker', worker]]) {
    const page = await newPage(env)
    pages.push(page)
    await withShotOnFailure(page, 'menu-' + who, async () => {
      await login(page, env.baseUrl, account.username, account.password)
      const items = await page.locator(`${sel('side-menu')} .el-menu-item`).evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))
      // 人才分析 is for whoever reads the directory; a worker reads only their own record.
      assert.equal(items.includes('menu-analytics'), who !== 'worker', `人才分析 in the menu of ${who}`)
      if (who === 'worker') {
        assert.ok(!items.includes('menu-assessments'), 'a worker does not run assessments')
        assert.deepEqual(items.filter((i) => i.startsWith('menu-my-')), ['menu-my-record', 'menu-my-portrait', 'menu-my-exams', 'menu-my-assessments'])
        await page.locator(sel('menu-my-assessments')).click()
        await page.locator(sel('my-assessments-page')).waitFor()
        // The HR's pages are not the worker's: the address leads back to 我的档案.
        await page.goto(env.baseUrl + '/assessments')
        await page.locator(sel('my-record-page')).waitFor()
        await page.goto(env.baseUrl + '/analytics')
        await page.locator(sel('my-record-page')).waitFor()
      } else {
        assert.ok(items.includes('menu-assessments'), `${who} runs assessments`)
        assert.ok(!items.includes('menu-my-assessments'), `${who} is not assessed`)
        await page.locator(sel('menu-assessments')).click()
        await page.locator(sel('assessments-page')).waitFor()
        assert.equal((await page.locator(sel('menu-assessments')).innerText()).trim(), '岗位考核')
      }
    })
    await page.context().close()
  }
})

test('admin pages render: organisation tree and work type dimension editor', { timeout: 90000 }, async () => {
  const page = await newPage(env)
  pages.push(page)
  await withShotOnFailure(page, 'admin-pages', async () => {
    await login(page, env.baseUrl, ADMIN.username, ADMIN.password)
    await page.locator(sel('menu-orgs')).click()
    const tree = page.locator(sel('org-tree'))
    await tree.waitFor()
    await tree.locator('.el-tree-node__content').nth(1).click()
    await page.locator(sel('org-detail')).waitFor()
    await shot(page, '11-orgs')

    await page.locator(sel('menu-work-types')).click()
    await page.locator(`${sel('work-types-table')} .el-table__row`).first().waitFor()
    await page.locator(sel('work-type-edit')).first().click()
    const dialog = page.locator('.el-dialog', { has: page.locator(sel('wt-code')) })
    await dialog.waitFor({ state: 'visible' })
    const before = await dialog.locator(sel('wt-dimension')).count()
    await page.locator(sel('wt-add-dim')).click()
    assert.equal(await dialog.locator(sel('wt-dimension')).count(), before + 1)
    await dialog.locator(sel('wt-dim-name')).last().fill('安全规范' + RUN)
    await shot(page, '12-work-type-dimensions')
    const code = await dialog.locator(sel('wt-code')).inputValue()
    await page.locator(sel('wt-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    const wts = await env.api('GET', '/work-types', undefined, env.adminToken)
    const saved = wts.body.items.find((w) => w.code === code)
    assert.equal(saved.dimensions.length, before + 1)
    const last = [...saved.dimensions].sort((a, b) => a.position - b.position).pop()
    assert.equal(last.name, '安全规范' + RUN)
  })
})
