-- ID numbers were masked as the first 6 and last 4 digits, which hid only the birth date that lists
-- showed anyway. Masks now keep the first 3 and last 2 (core::mask_national_id); re-mask stored rows.
UPDATE workers
SET id_masked = substr(id_masked, 1, 3) || '*************' || substr(id_masked, length(id_masked) - 1, 2)
WHERE length(id_masked) = 18;
