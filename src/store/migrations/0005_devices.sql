-- Scoring devices and simulators (智能裁判): one key per device, scoped to a venue of a competition.
-- Each device records marks under an account of its own that cannot sign in.
CREATE TABLE devices (
  id {{ID}},
  competition_id BIGINT NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
  venue_id BIGINT NOT NULL REFERENCES venues(id),
  name TEXT NOT NULL,
  key_id TEXT NOT NULL UNIQUE,
  secret_sealed TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Signatures already accepted, kept for the replay window.
CREATE TABLE device_signatures (
  signature TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
