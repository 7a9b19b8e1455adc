-- 异地同赛: an event may declare, when it is set up, that each component is standardised within each
-- venue (mean 500, SD 100) before one ranking, so a generous panel at one venue cannot decide places.
ALTER TABLE events ADD COLUMN standardise_venues INTEGER NOT NULL DEFAULT 0;
