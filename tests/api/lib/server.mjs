// Starts the real skillbrain binary on a free port with a temporary SQLite database, and talks to it
// over HTTP. Every process started here is killed when the test file ends.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const BIN = resolve(REPO, process.env.SKB_BIN || 'build/skillbrain')
export const ADMIN = { username: 'admin', password: 'Admin-Pass-123' }

const children = new Set()
process.on('exit', () => { for (const c of children) c.kill('SIGKILL') })

export class Instance {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'skb-api-'))
    this.db = `sqlite:${join(this.dir, 'skillbrain.db')}`
    this.dbFile = join(this.dir, 'skillbrain.db')
    this.env = { ...process.env, SKB_SECRET_KEY_FILE: join(this.dir, 'secret.key') }
    this.child = null
    this.base = null
  }

  /** Runs a CLI subcommand synchronously (bounded) and returns {status, stdout, stderr}. */
  cli(args, input = '') {
    const r = spawnSync(BIN, [...args, '--db', this.db], { env: this.env, input, encoding: 'utf8', timeout: 60000 })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  /** A database with an admin and, unless {demo:false}, the small demo. */
  prepare({ demo = true } = {}) {
    const a = this.cli(['create-admin', '--username', ADMIN.username], ADMIN.password + '\n')
    if (a.status !== 0) throw new Error('create-admin failed: ' + a.stderr)
    if (demo) {
      const d = this.cli(['demo', '--small'])
      if (d.status !== 0) throw new Error('demo failed: ' + d.stderr)
      // One account per role (the first listed; the demo competition's judges follow them).
      this.demoAccounts = {}
      for (const l of d.stdout.split('\n').filter((x) => x.startsWith('  '))) {
        const [role, username, password] = l.trim().split('\t')
        this.demoAccounts[role] ??= { username, password }
      }
    }
    return this
  }

  /** Starts `serve --port 0`; resolves once it prints its address. */
  start(extraArgs = []) {
    return new Promise((resolvePromise, reject) => {
      const web = extraArgs.includes('--web') ? [] : ['--web', join(this.dir, 'no-web')]
      const child = spawn(BIN, ['serve', '--db', this.db, '--port', '0', ...web, ...extraArgs],
        { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] })
      children.add(child)
      this.child = child
      this.log = ''
      const timer = setTimeout(() => reject(new Error('server did not start in 20 s:\n' + this.log)), 20000)
      child.stdout.on('data', (d) => {
        this.log += d
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(this.log)
        if (m && !this.base) { this.base = m[1]; clearTimeout(timer); resolvePromise(this) }
      })
      child.stderr.on('data', (d) => { this.log += d })
      child.on('exit', (code, signal) => {
        children.delete(child)
        this.exit = { code, signal }
        clearTimeout(timer)
        if (!this.base) reject(new Error(`server exited (${code ?? signal}) before listening:\n${this.log}`))
      })
    })
  }

  /** Stops the server with `signal` and waits for it to exit. */
  async stop(signal = 'SIGTERM') {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.exit
    const exited = new Promise((r) => this.child.once('exit', (code, sig) => r({ code, signal: sig })))
    this.child.kill(signal)
    const result = await exited
    this.base = null
    return result
  }

  async restart() {
    await this.stop()
    return this.start()
  }

  cleanup() { rmSync(this.dir, { recursive: true, force: true }) }

  /** fetch with JSON in and out. Returns {status, body, headers}. */
  async request(method, path, { token, body, raw, headers = {} } = {}) {
    const h = { ...headers }
    if (token) h.authorization = `Bearer ${token}`
    let payload
    if (raw !== undefined) payload = raw
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json' }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' })
    const text = await res.text()
    let json = null
    try { json = text ? JSON.parse(text) : null } catch { json = text }
    return { status: res.status, body: json, headers: res.headers, text }
  }

  async login(username = ADMIN.username, password = ADMIN.password) {
    const r = await this.request('POST', '/api/v1/auth/login', { body: { username, password } })
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body.token
  }
}

/** A valid (synthetic) national ID number: region 330302, the given birth date, sequence and check digit. */
export function idNumber(birth = '19900101', seq = 123) {
  const first17 = '330302' + birth + String(seq % 1000).padStart(3, '0')
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

export function sqlite(dbFile, sql) {
  const r = spawnSync('sqlite3', [dbFile, sql], { encoding: 'utf8', timeout: 20000 })
  if (r.status !== 0) throw new Error('sqlite3 failed: ' + r.stderr)
  return r.stdout.trim()
}

export { existsSync }
