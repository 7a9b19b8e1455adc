// A small RFC 4180 CSV reader and writer (quotes, doubled quotes, CRLF, UTF-8 BOM).

/** Parses CSV text into an array of rows (arrays of strings). Blank lines are dropped. */
export function parseCsv(text) {
  const s = String(text).replace(/^\uFEFF/, '')
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((v) => String(v).trim() !== ''))
}

function quote(v) {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

/** Writes rows as CSV text with a BOM so that Excel opens UTF-8 Chinese correctly. */
export function toCsv(rows) {
  return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
}

/**
 * The text of a CSV file as Excel saves it: UTF-8 (with or without a BOM), or GBK/GB18030 — what a
 * Chinese Excel writes under "CSV (逗号分隔)" — when the bytes are not valid UTF-8.
 */
export async function readCsvText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer())
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}
