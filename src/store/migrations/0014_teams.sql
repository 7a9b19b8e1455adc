-- Team events (团体赛): an entry is a team of team_size workers under one name, bib and entry code.
-- Every entry lists its members here (an individual entry, its one worker), so a worker is in at most
-- one entry per event; entries.worker_id stays the first member (the captain, 队长).
ALTER TABLE entries ADD COLUMN team_name TEXT NOT NULL DEFAULT '';

CREATE TABLE entry_members (
  entry_id BIGINT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (entry_id, worker_id)
);
CREATE UNIQUE INDEX entry_members_worker ON entry_members(event_id, worker_id);
CREATE INDEX entry_members_by_worker ON entry_members(worker_id);
INSERT INTO entry_members(entry_id, event_id, worker_id, position) SELECT id, event_id, worker_id, 0 FROM entries;

-- Optional skill-level limits for entrants (level numbers: 5 = 初级工 … 1 = 高级技师, smaller is higher):
-- min_skill_level is the lowest level admitted, max_skill_level the highest.
ALTER TABLE events ADD COLUMN min_skill_level INTEGER;
ALTER TABLE events ADD COLUMN max_skill_level INTEGER;

-- Awards of a team go to each member: one promotion proposal per member.
DROP INDEX promotions_entry;
CREATE UNIQUE INDEX promotions_member ON promotions(event_id, entry_id, worker_id);
