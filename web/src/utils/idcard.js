// Chinese resident identity card number (GB 11643-1999): 17 digits + check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** The check character for the first 17 digits. */
export function idCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/**
 * Validates an 18-character ID number. Returns null when valid, else a reason code:
 * 'format' (length / characters), 'birth_date' (impossible date), 'check_digit'.
 */
export function validateIdNumber(value) {
  const s = String(value || '').trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return 'format'
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    date.getTime() > Date.now()
  )
    return 'birth_date'
  if (idCheckChar(s) !== s[17]) return 'check_digit'
  return null
}

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export function isValidPhone(value) {
  return /^1[3-9]\d{9}$/.test(String(value || '').trim())
}
