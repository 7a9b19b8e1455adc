-- Corrections to a marking scheme once marking has started (评分标准更正): made by the chief judge with
-- a reason and a re-entered password, never to an aspect's marks (marked aspects keep their id and kind
-- and every mark stays valid), and listed with what changed.
CREATE TABLE scheme_corrections (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  changes TEXT NOT NULL,
  corrected_by TEXT NOT NULL,
  corrected_at TEXT NOT NULL
);
CREATE INDEX scheme_corrections_event ON scheme_corrections(event_id, id);
