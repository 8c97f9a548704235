-- A listing's category: "casting" (casting calls and job listings) or a
-- non-casting notice (workshop, class, event, competition, training).
-- Notices are shown apart, limited per producer per month, and the only
-- listings that may charge talent a disclosed fee.
ALTER TABLE listings ADD COLUMN category text NOT NULL DEFAULT 'casting'
    CHECK (category IN ('casting', 'workshop', 'class', 'event', 'competition', 'training'));
-- When the listing was last submitted: the monthly notice limit counts
-- the producer's notices submitted in the month.
ALTER TABLE listings ADD COLUMN submitted_at timestamptz;
UPDATE listings SET submitted_at = published_at WHERE published_at IS NOT NULL;
CREATE INDEX listings_notices_idx ON listings (producer_id, submitted_at) WHERE category <> 'casting';
