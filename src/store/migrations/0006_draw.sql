-- Workstation draw (抽签) per venue, recorded with its seed so anyone can reproduce it.
ALTER TABLE entries ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN draw_seed TEXT NOT NULL DEFAULT '';
