-- platform-summary-v2 reads UserRegistered version 2 (sealed personal data), which v1 skipped: its rows are rebuilt
-- from the first event (a new checkpoint name). The latest sign-ups keep names sealed ("sealed:<base64>"), opened
-- only when the view is rendered. The read models of issue 5 create their own versioned tables (name_v<n>) at start.
DELETE FROM latest_signup;
DELETE FROM platform_summary;
-- Whose sign-up it is, so that an erasure removes the name from the latest sign-ups.
ALTER TABLE latest_signup ADD COLUMN user_id text NOT NULL DEFAULT '';
