// Reads a PDF the way a person would: its text through pdftotext, its first page drawn by pdftoppm
// (poppler-utils), so a certificate is checked as rendered, not as bytes.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function withPdf(bytes, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'skb-pdf-'))
  try {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return fn(file, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'buffer' })
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`)
  return r.stdout
}

// The text of every page, whitespace collapsed (pdftotext breaks lines where the layout wraps them).
export function pdfText(bytes) {
  return withPdf(bytes, (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ''))
}

// The first page as a PNG at the given resolution, with the share of pixels that are not white.
export function renderFirstPage(bytes, dpi = 30) {
  return withPdf(bytes, (file, dir) => {
    run('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), '-gray', '-singlefile', file, join(dir, 'page')])
    const pgm = readFileSync(join(dir, 'page.pgm'))
    // PGM (P5): a header of magic, width, height and maxval, then one byte per pixel.
    const header = pgm.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)
    const [width, height] = [Number(header[1]), Number(header[2])]
    const pixels = pgm.subarray(header[0].length)
    let inked = 0
    for (const p of pixels) if (p < 200) ++inked
    return { width, height, inkedShare: inked / pixels.length }
  })
}
