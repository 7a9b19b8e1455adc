-- Targets a union sets for its organisation and those below it (the nearest ancestor's applies): the share of
-- high-skilled workers (高级工 and above) it aims for, drawn on the 技能大脑 big screen.
CREATE TABLE org_targets (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  high_skill_share REAL NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
