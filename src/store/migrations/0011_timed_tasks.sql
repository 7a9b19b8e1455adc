-- 计时项目: a venue that lost time to an outage (power, equipment) gets a recorded allowance on a timed
-- task; it is taken off every recorded time of that venue's entrants for that task. One per venue and
-- task, replaced with a new reason when changed (each change audited).
CREATE TABLE time_allowances (
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
  component_id BIGINT NOT NULL REFERENCES components(id) ON DELETE CASCADE,
  seconds REAL NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (event_id, venue_id, component_id)
);
