-- Corrections (成绩更正) to a locked event: requested with a reason, confirmed by the chief judge and an
-- organiser, each re-entering their password, then applied as a new row in the mark log.
CREATE TABLE corrections (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  aspect_id BIGINT NOT NULL REFERENCES aspects(id),
  judge_user_id BIGINT NOT NULL REFERENCES users(id),
  old_value REAL,
  new_value REAL NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  chief_confirmed_by TEXT NOT NULL DEFAULT '',
  organiser_confirmed_by TEXT NOT NULL DEFAULT '',
  old_total REAL,
  new_total REAL,
  applied_seq BIGINT,
  status TEXT NOT NULL
);
CREATE INDEX corrections_event ON corrections(event_id, id);
