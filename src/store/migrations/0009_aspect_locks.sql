-- The chief judge locks an aspect once its marks are final: no judge or device may mark or amend it
-- after that (a change then needs a recorded correction). venue_key 0 = every venue of the event.
CREATE TABLE aspect_locks (
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  aspect_id BIGINT NOT NULL REFERENCES aspects(id) ON DELETE CASCADE,
  venue_key BIGINT NOT NULL,
  locked_by TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  PRIMARY KEY (event_id, aspect_id, venue_key)
);
