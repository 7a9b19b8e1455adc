-- Competitions: events (one work type each), venues, marking schemes, entries, judges and the
-- append-only mark log.
CREATE TABLE competitions (
  id {{ID}},
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  organiser_org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX competitions_org_path ON competitions(org_path);

CREATE TABLE venues (
  id {{ID}},
  competition_id BIGINT NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX venues_name ON venues(competition_id, name);

CREATE TABLE events (
  id {{ID}},
  competition_id BIGINT NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  name TEXT NOT NULL,
  team_size INTEGER NOT NULL DEFAULT 1,
  total_mode TEXT NOT NULL,
  tie_breaks TEXT NOT NULL DEFAULT 'practical_higher,time_lower',
  min_judges INTEGER NOT NULL DEFAULT 3,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX events_competition ON events(competition_id);

CREATE TABLE event_venues (
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, venue_id)
);

CREATE TABLE components (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  max_mark REAL NOT NULL,
  weight REAL NOT NULL,
  time_limit_seconds REAL,
  position INTEGER NOT NULL
);
CREATE INDEX components_event ON components(event_id, position);

CREATE TABLE aspects (
  id {{ID}},
  component_id BIGINT NOT NULL REFERENCES components(id) ON DELETE CASCADE,
  criterion TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  max_mark REAL NOT NULL,
  step REAL NOT NULL DEFAULT 0.5,
  bands TEXT NOT NULL DEFAULT '',
  dimension_id BIGINT REFERENCES dimensions(id),
  disqualifies INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL
);
CREATE INDEX aspects_component ON aspects(component_id, position);

CREATE TABLE entries (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  venue_id BIGINT REFERENCES venues(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  bib TEXT NOT NULL,
  entry_code TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX entries_worker ON entries(event_id, worker_id);
CREATE UNIQUE INDEX entries_bib ON entries(event_id, bib);
CREATE UNIQUE INDEX entries_code ON entries(event_id, entry_code);

CREATE TABLE judge_assignments (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  venue_id BIGINT REFERENCES venues(id),
  component_id BIGINT REFERENCES components(id),
  chief INTEGER NOT NULL DEFAULT 0,
  home_org_id BIGINT REFERENCES orgs(id),
  override_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX judge_assignments_user ON judge_assignments(user_id, event_id);

-- The mark log: appended, never updated. An amendment is a newer row for the same
-- (entry, aspect, judge); the latest one counts.
CREATE TABLE marks (
  seq {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  aspect_id BIGINT NOT NULL REFERENCES aspects(id),
  judge_user_id BIGINT NOT NULL REFERENCES users(id),
  value REAL NOT NULL,
  client_id TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'judge',
  recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX marks_client ON marks(judge_user_id, client_id);
CREATE INDEX marks_event ON marks(event_id, seq);
CREATE INDEX marks_entry ON marks(entry_id, aspect_id, judge_user_id, seq);
