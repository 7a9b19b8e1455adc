-- The portraits refreshed longest ago first, for the background refresh of portraits that age without
-- new evidence (service/talent/portrait_refresh). Partial: only the overall row of each portrait, so
-- evidence ingestion maintains one index entry per portrait rather than one per dimension.
CREATE INDEX portrait_scores_refreshed ON portrait_scores(refreshed_at) WHERE dimension_id = 0;
