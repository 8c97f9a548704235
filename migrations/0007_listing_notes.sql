-- A listing's free text: anything else the producer wants talent to know
-- (what to prepare, how the day runs), apart from the description that
-- says what the work is.
ALTER TABLE listings ADD COLUMN notes text NOT NULL DEFAULT '';
