-- Practice levels belong to an organisation like the bank: a union's levels are its own members', an
-- enterprise may add its own after them. Levels made before this belong to the root organisation.
ALTER TABLE practice_levels ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
UPDATE practice_levels SET org_path = COALESCE((SELECT path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1), '') WHERE org_path = '';
