-- Certificates issued when results are published, each with a public verification code.
CREATE TABLE certificates (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  award TEXT NOT NULL,
  honour TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL UNIQUE,
  issuer TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX certificates_entry ON certificates(event_id, entry_id);
