// Test data: valid (and deliberately invalid) Chinese ID numbers, phones, and .xlsx files.
import writeXlsxFile from 'write-excel-file/node'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** A valid 18-character ID number: region 330302 (温州鹿城), birth date, sequence `seq`. */
export function validId(birth, seq) {
  const first17 = '330302' + birth + String(seq).padStart(3, '0')
  return first17 + idCheckChar(first17)
}

/** The same number with a wrong check character. */
export function badCheckId(birth, seq) {
  const good = validId(birth, seq)
  const wrong = CHECK[(CHECK.indexOf(good[17]) + 1) % 11]
  return good.slice(0, 17) + wrong
}

export function phone(n) {
  return '139' + String(n).padStart(8, '0')
}

/** A short run-unique suffix so that repeated runs never collide on employee numbers. */
export const RUN = Date.now().toString(36).slice(-5).toUpperCase()

export const HEADER_ZH = ['姓名', '性别', '工号', '单位', '工种', '技能等级', '手机号', '身份证号']

/** Writes an .xlsx whose first row is HEADER_ZH and then `rows` (arrays of strings). */
export async function writeImportXlsx(path, rows) {
  const data = [HEADER_ZH, ...rows].map((r) => r.map((v) => ({ type: String, value: String(v) })))
  await writeXlsxFile(data, { sheet: '职工' }).toFile(path)
  return path
}
