import { chromium } from 'playwright-core'
const base = 'http://127.0.0.1:18080'
const sel = (n) => `[data-test="${n}"]`
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
ctx.setDefaultTimeout(10000)
const page = await ctx.newPage()
page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.log('CONSOLE', m.type(), m.text()))
page.on('pageerror', (e) => console.log('PAGEERROR', e))
const step = async (name, fn) => { try { await fn(); console.log('OK', name) } catch (e) { console.log('FAIL', name, e.message.split('\n')[0]); await page.screenshot({ path: `/tmp/explore/${name}.png` }) } }
await step('login', async () => {
  await page.goto(base + '/login'); await page.fill(sel('login-username'), 'admin'); await page.fill(sel('login-password'), 'Secret123!'); await page.click(sel('login-submit')); await page.waitForSelector(sel('side-menu'))
})
await step('export', async () => {
  await page.click(sel('menu-workers')); await page.waitForSelector(`${sel('workers-table')} .el-table__row`)
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel('worker-export-btn'))])
  console.log('download', dl.suggestedFilename())
})
await step('filter-level', async () => {
  await page.click(sel('filter-level')); await page.locator('.el-select-dropdown__item:visible', { hasText: /^技师$/ }).click()
  await page.waitForTimeout(500); console.log(await page.locator(sel('workers-total')).innerText())
  await page.click(sel('page-next')).catch(() => {}); await page.waitForTimeout(500); console.log('page2 rows', await page.locator(`${sel('workers-table')} .el-table__row`).count())
  await page.screenshot({ path: '/tmp/explore/filter.png' })
})
await step('detail-pii-level', async () => {
  await page.locator(sel('worker-link')).first().click(); await page.waitForSelector(sel('worker-info'))
  await page.click(sel('worker-show-pii')); await page.waitForTimeout(500); console.log('id', await page.locator(sel('worker-id-number')).innerText())
  await page.click(sel('worker-add-level')); await page.click(sel('level-select')); await page.locator('.el-select-dropdown__item:visible', { hasText: /^高级技师$/ }).click()
  await page.click(sel('level-save')); await page.waitForTimeout(800)
  console.log('history items', await page.locator(`${sel('level-history')} .el-timeline-item`).count())
  await page.click(sel('worker-edit')); await page.fill(sel('wf-name'), '改名测试'); await page.click(sel('wf-submit')); await page.waitForTimeout(800)
  console.log('title', await page.locator('.page-title').innerText())
  await page.screenshot({ path: '/tmp/explore/detail.png' })
})
await step('orgs', async () => {
  await page.click(sel('menu-orgs')); await page.waitForSelector(sel('org-tree'))
  await page.locator(`${sel('org-tree')} .el-tree-node__content`).first().click()
  await page.click(sel('org-add-child')); await page.fill(sel('org-name'), '测试企业X'); await page.click(sel('org-save')); await page.waitForTimeout(800)
  console.log('selected', await page.locator('.detail-title').innerText())
  await page.click(sel('org-move')); await page.locator('.el-dialog:visible .el-select').click(); await page.locator('.el-select-dropdown__item:visible').nth(2).click(); await page.click(sel('org-move-save')); await page.waitForTimeout(800)
  console.log('path', await page.locator(sel('org-detail')).innerText())
  await page.click(sel('org-delete')); await page.locator('.el-message-box__btns .el-button--primary').click(); await page.waitForTimeout(800)
  await page.screenshot({ path: '/tmp/explore/orgs.png' })
  // delete a non-empty org → message
  await page.locator(`${sel('org-tree')} .el-tree-node__content`).first().click(); await page.click(sel('org-delete')); await page.locator('.el-message-box__btns .el-button--primary').click(); await page.waitForTimeout(500)
  console.log('msg', await page.locator('.el-message').last().innerText())
})
await step('users-audit', async () => {
  await page.click(sel('menu-users')); await page.waitForSelector(`${sel('users-table')} .el-table__row`); await page.screenshot({ path: '/tmp/explore/users.png' })
  await page.click(sel('menu-audit')); await page.waitForSelector(`${sel('audit-table')} .el-table__row`); await page.click(sel('audit-verify')); await page.waitForTimeout(500)
  console.log('verify', await page.locator('.el-message').last().innerText()); await page.screenshot({ path: '/tmp/explore/audit.png' })
})
await step('password-dialog', async () => {
  await page.click(sel('user-menu-trigger')); await page.click(sel('change-password')); await page.fill(sel('pw-old'), 'wrong-pass'); await page.fill(sel('pw-new'), 'NewPass123!'); await page.fill(sel('pw-confirm'), 'NewPass123!'); await page.click(sel('pw-submit')); await page.waitForTimeout(600)
  console.log('msg', await page.locator('.el-message').last().innerText()); await page.screenshot({ path: '/tmp/explore/password.png' })
  await page.keyboard.press('Escape')
})
await step('logout', async () => {
  await page.click(sel('user-menu-trigger')); await page.click(sel('logout')); await page.waitForSelector(sel('login-username'))
})
await step('worker-role', async () => {
  const pw = process.env.WPW
  await page.fill(sel('login-username'), 'worker'); await page.fill(sel('login-password'), pw); await page.click(sel('login-submit')); await page.waitForSelector(sel('side-menu'))
  await page.waitForTimeout(800); console.log('url', page.url(), await page.locator(`${sel('side-menu')} .el-menu-item`).allInnerTexts())
  await page.screenshot({ path: '/tmp/explore/worker.png' })
})
await browser.close()
