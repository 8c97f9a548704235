-- The producer's three people tabs of a listing (applications received,
-- invitations sent, confirmed participations) stay fast with thousands of
-- applicants: checked with EXPLAIN ANALYZE on 5,000 participations in one
-- listing beside 20,000 in another of the same producer.

-- The confirmed tab and the state filters read one listing's rows in one
-- state, newest first; the tab counts read the whole listing from this
-- index alone (origin and producer_id are included for that), instead of
-- every participation of the producer.
CREATE INDEX participations_listing_state_idx ON participations (listing_id, state, created_at DESC, id DESC)
    INCLUDE (origin, producer_id);

-- A listing has one producer: without this the planner multiplies the two
-- conditions every scoped query carries (listing_id, producer_id) as if
-- independent, and expects a fraction of a listing's rows.
CREATE STATISTICS participations_listing_producer (dependencies) ON listing_id, producer_id FROM participations;
