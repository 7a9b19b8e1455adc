// Signs a scoring device's request as the server expects: HMAC-SHA256 of "<timestamp>\n<raw body>" under
// the device secret, sent with X-Device-Key, X-Timestamp and X-Signature.
import { createHmac } from 'node:crypto'

export function signedDeviceRequest(device, body, { timestamp = Math.floor(Date.now() / 1000), secret = device.secret, key = device.key_id } = {}) {
  const raw = JSON.stringify(body)
  const signature = createHmac('sha256', secret).update(`${timestamp}\n${raw}`).digest('hex')
  return { raw, headers: { 'content-type': 'application/json', 'x-device-key': key, 'x-timestamp': String(timestamp), 'x-signature': signature } }
}
