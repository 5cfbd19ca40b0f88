-- platform-summary-v2 reads UserRegistered version 2 (sealed personal data), which v1 skipped: its rows are rebuilt
-- from the first event (a new checkpoint name). The latest sign-ups keep names sealed ("sealed:<base64>"), opened
-- only when the view is rendered. The read models of issue 5 create their own versioned tables (name_v<n>) at start.
DELETE FROM latest_signup;
DELETE FROM platform_summary;
