// Starts the real SkillBrain server for one test file: a temporary SQLite database with an admin and
// the small demo, `serve --port 0` with the built web app, and Debian's Chromium driven by
// playwright-core. stop() always ends what start() began.
import { spawn, spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const E2E_DIR = resolve(here, '..')
export const REPO = resolve(E2E_DIR, '..', '..')
export const ARTIFACTS = join(E2E_DIR, 'artifacts')
export const ADMIN = { username: 'admin', password: 'Secret123!' }

// The server binary: $SKB_BIN, else build/skillbrain, else the release preset's build/release/skillbrain.
const BIN = process.env.SKB_BIN
  ? resolve(REPO, process.env.SKB_BIN)
  : ['build/skillbrain', 'build/release/skillbrain'].map((p) => resolve(REPO, p)).find(existsSync) ||
    resolve(REPO, 'build/skillbrain')
const WEB_DIST = resolve(REPO, process.env.SKB_WEB_DIST || 'web/dist')
const CHROMIUM = process.env.SKB_CHROMIUM || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

mkdirSync(ARTIFACTS, { recursive: true })

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs)
}

/**
 * Builds web/dist when it is missing or older than the web sources (needs web/node_modules:
 * `npm ci` in web/). A dist given by SKB_WEB_DIST is used as it is.
 */
function ensureWebBuilt() {
  const web = join(REPO, 'web')
  const index = join(WEB_DIST, 'index.html')
  if (existsSync(index)) {
    if (process.env.SKB_WEB_DIST) return
    const sources = Math.max(
      newestMtime(join(web, 'src')),
      newestMtime(join(web, 'index.html')),
      newestMtime(join(web, 'package-lock.json')),
      newestMtime(join(web, 'vite.config.js'))
    )
    if (statSync(index).mtimeMs >= sources) return
  }
  if (!existsSync(join(web, 'node_modules'))) {
    throw new Error(`${index} is missing or stale: run "npm ci && npm run build" in web/`)
  }
  const r = spawnSync('npm', ['run', 'build'], { cwd: web, encoding: 'utf8', timeout: 180000 })
  writeFileSync(join(ARTIFACTS, 'web-build.log'), (r.stdout || '') + (r.stderr || ''))
  if (r.status !== 0) throw new Error(`npm run build in web/ failed:\n${r.stdout}\n${r.stderr}`)
}

/** Runs one CLI command to completion (bounded), feeding `input` on stdin. */
function runCli(args, env, input, log, timeoutMs = 60000) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`skillbrain ${args[0]} timed out after ${timeoutMs} ms\n${out}`))
    }, timeoutMs)
    child.stdout.on('data', (d) => {
      out += d
      log.write(d)
    })
    child.stderr.on('data', (d) => {
      out += d
      log.write(d)
    })
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolvePromise(out)
      else reject(new Error(`skillbrain ${args.join(' ')} exited with ${code ?? signal}\n${out}`))
    })
    child.stdin.end(input || '')
  })
}

/** Starts `serve --port 0` and resolves with {child, baseUrl} once it prints its address. */
function startServe(args, env, log, timeoutMs = 30000) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let done = false
    const finish = (err, value) => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (err) {
        child.kill('SIGKILL')
        reject(err)
      } else resolvePromise(value)
    }
    const timer = setTimeout(
      () => finish(new Error(`server did not print "listening on" within ${timeoutMs} ms\n${out}`)),
      timeoutMs
    )
    const onData = (d) => {
      out += d
      log.write(d)
      const m = /listening on (https?:\/\/[^\s]+)/.exec(out)
      if (m) finish(null, { child, baseUrl: m[1].replace(/\/$/, '') })
    }
    // The address line is expected on stdout; stderr is searched too in case logging goes there.
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', (e) => finish(e))
    child.on('exit', (code, signal) => finish(new Error(`server exited early (${code ?? signal})\n${out}`)))
  })
}

function stopChild(child, graceMs = 5000) {
  return new Promise((resolvePromise) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolvePromise()
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
    }, graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolvePromise()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Starts database, server and browser. `name` labels the log file in artifacts/.
 * Returns {baseUrl, browser, api(method, path, body, token), demoAccounts, cli(args), adminToken, stop()}.
 */
export async function startEnv(name) {
  if (!existsSync(BIN)) throw new Error(`server binary not found: ${BIN} (build it or set SKB_BIN)`)
  ensureWebBuilt()
  const tmp = mkdtempSync(join(tmpdir(), 'skb-e2e-'))
  const db = `sqlite:${join(tmp, 't.db')}`
  const env = { ...process.env, SKB_SECRET_KEY_FILE: join(tmp, 'secret.key') }
  const log = createWriteStream(join(ARTIFACTS, `${name}-server.log`))
  let server = null
  let browser = null
  const demoAccounts = {}

  const stop = async () => {
    if (browser) await browser.close().catch(() => {})
    browser = null
    if (server) await stopChild(server.child)
    server = null
    log.end()
    rmSync(tmp, { recursive: true, force: true })
  }
  // Never leave a server behind, even when the runner is interrupted.
  const onExit = () => server && server.child.kill('SIGKILL')
  process.once('exit', onExit)

  try {
    await runCli(['create-admin', '--db', db, '--username', ADMIN.username], env, ADMIN.password + '\n', log)
    const demoOut = await runCli(['demo', '--db', db, '--small'], env, '', log, 120000)
    // The demo's accounts (passwords are printed once): the first listed per role, e.g. chief_judge → chief.
    for (const l of demoOut.split('\n').filter((x) => x.startsWith('  ') && x.includes('\t'))) {
      const [role, username, password] = l.trim().split('\t')
      demoAccounts[role] ??= { username, password }
    }
    server = await startServe(['serve', '--db', db, '--port', '0', '--web', WEB_DIST], env, log)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30000
    })
  } catch (e) {
    await stop()
    throw e
  }

  const baseUrl = server.baseUrl
  async function api(method, path, body, token) {
    const headers = { Accept: 'application/json' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `Bearer ${token}`
    const res = await fetch(baseUrl + '/api/v1' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15000)
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    return { status: res.status, body: json }
  }
  const login = await api('POST', '/auth/login', ADMIN)
  if (login.status !== 200 || !login.body || !login.body.token) {
    await stop()
    throw new Error(`admin login over the API failed: ${login.status} ${JSON.stringify(login.body)}`)
  }

  return {
    baseUrl,
    get browser() {
      return browser
    },
    api,
    /** { role: { username, password } } of `skillbrain demo` (chief_judge, judge, organiser, worker, …). */
    demoAccounts,
    /** Runs a CLI command on the test's database (e.g. ['verify-audit']) and resolves with its output. */
    cli: (args) => runCli([...args, '--db', db], env, '', log),
    adminToken: login.body.token,
    stop: async () => {
      process.removeListener('exit', onExit)
      await stop()
    }
  }
}
