-- Sign-off: flag resolutions, event locks, award tiers and skill-level promotion proposals.
ALTER TABLE events ADD COLUMN locked_at TEXT;
ALTER TABLE events ADD COLUMN locked_by TEXT;

CREATE TABLE flag_resolutions (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  aspect_id BIGINT NOT NULL REFERENCES aspects(id),
  up_to_seq BIGINT NOT NULL,
  note TEXT NOT NULL,
  resolved_by TEXT NOT NULL,
  resolved_at TEXT NOT NULL
);
CREATE INDEX flag_resolutions_event ON flag_resolutions(event_id, entry_id, aspect_id);

CREATE TABLE award_tiers (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  places INTEGER,
  percent REAL,
  honour TEXT NOT NULL DEFAULT '',
  promote_to INTEGER
);
CREATE INDEX award_tiers_event ON award_tiers(event_id, position);

CREATE TABLE promotions (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  award TEXT NOT NULL,
  from_level INTEGER NOT NULL,
  to_level INTEGER NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX promotions_entry ON promotions(event_id, entry_id);
