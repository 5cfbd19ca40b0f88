-- Accounts (issue 3): passwords that change, names that change, users that are erased. Still only a projection of
-- the EVENTS stream; see UsersReadModelProjection.

-- The stream sequence of the last user event applied to the row: the user's version, which commands append at
-- (expected last subject sequence), and what makes applying an event twice change nothing.
ALTER TABLE users ADD COLUMN version bigint;
UPDATE users SET version = stream_sequence;
ALTER TABLE users ALTER COLUMN version SET NOT NULL;

-- An erased user keeps their row (their id still appears in organisations' history) but none of their personal
-- data: no e-mail address (so the address can be registered again: the unique index ignores NULLs), no password
-- hash, and the name "Erased user". Their UserRegistered can no longer be opened either, so a rebuild shows the same.
ALTER TABLE users ADD COLUMN erased boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN erased_at timestamptz;
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
