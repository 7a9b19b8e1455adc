-- Live boards (大屏). Boards are derived from the mark log; what is stored here is only what the log
-- cannot say: a freeze (封榜) and the reveal order at the ceremony, and snapshots that save replaying
-- a long log on start (each one the latest mark per entrant, aspect and judge up to a seq).
CREATE TABLE board_freezes (
  event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  frozen_seq BIGINT NOT NULL,
  frozen_at TEXT NOT NULL,
  frozen_by TEXT NOT NULL
);

CREATE TABLE board_reveals (
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  step INTEGER NOT NULL,
  revealed_at TEXT NOT NULL,
  PRIMARY KEY (event_id, entry_id)
);

CREATE TABLE board_snapshots (
  event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  up_to_seq BIGINT NOT NULL,
  marks TEXT NOT NULL,
  taken_at TEXT NOT NULL
);
