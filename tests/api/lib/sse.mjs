// A server-sent-event client for tests: opens a stream with fetch, parses frames, and lets a test
// wait for the next event that matches a predicate (bounded in time).
export class EventStream {
  constructor(url, headers = {}) {
    this.url = url
    this.headers = headers
    this.events = []
    this.waiters = []
    this.controller = new AbortController()
  }

  async open() {
    const res = await fetch(this.url, { headers: { accept: 'text/event-stream', ...this.headers }, signal: this.controller.signal })
    this.status = res.status
    this.contentType = res.headers.get('content-type')
    if (res.status !== 200) { this.body = await res.text(); return this }
    this.pump(res.body.getReader())
    return this
  }

  async pump(reader) {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const ev = { event: 'message', id: null, data: '' }
          for (const line of frame.split('\n')) {
            const colon = line.indexOf(':')
            if (colon <= 0) continue
            const field = line.slice(0, colon)
            const val = line.slice(colon + 1).replace(/^ /, '')
            if (field === 'event') ev.event = val
            else if (field === 'id') ev.id = val
            else if (field === 'data') ev.data += val
          }
          if (!ev.data) continue
          ev.json = JSON.parse(ev.data)
          this.events.push(ev)
          for (const w of [...this.waiters]) if (w.match(ev)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(ev) }
        }
      }
    } catch { /* aborted */ }
    this.closed = true
  }

  /** The first event (already received or coming) matching `match`, within `ms`. */
  next(match, ms = 5000, from = 0) {
    const seen = this.events.slice(from).find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const w = { match, resolve }
      this.waiters.push(w)
      setTimeout(() => { this.waiters.splice(this.waiters.indexOf(w), 1); reject(new Error('no matching event in ' + ms + ' ms; got ' + this.events.map((e) => e.event).join(','))) }, ms).unref()
    })
  }

  close() { this.controller.abort() }
}
