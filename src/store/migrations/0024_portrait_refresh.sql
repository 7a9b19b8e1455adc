-- The portraits refreshed longest ago first, for the background refresh of portraits that age without
-- new evidence (service/talent/portrait_refresh).
CREATE INDEX portrait_scores_refreshed ON portrait_scores(dimension_id, refreshed_at);
