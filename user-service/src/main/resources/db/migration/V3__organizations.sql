-- Organisations beyond their creation: members' join order, invitations, API keys, closed organisations.
-- Like every table here, a disposable projection of the EVENTS stream (see OrganizationRows).

-- The last event of the organisation applied here, as (stream sequence, index in its commit): an event at or
-- before it is not applied again, so replaying a stretch of the stream changes nothing.
ALTER TABLE organizations
    ADD COLUMN closed           boolean NOT NULL DEFAULT false,
    ADD COLUMN applied_sequence bigint  NOT NULL DEFAULT 0,
    ADD COLUMN applied_index    integer NOT NULL DEFAULT 0;

UPDATE organizations SET applied_sequence = stream_sequence;

-- joined_sequence orders members by how long they have been members (the erasure policy's successor).
ALTER TABLE memberships
    ADD COLUMN joined_at       timestamptz,
    ADD COLUMN joined_sequence bigint NOT NULL DEFAULT 0;

CREATE TABLE invitations (
    invitation_id      uuid        PRIMARY KEY,
    organization_id    uuid        NOT NULL,
    email              text        NOT NULL,   -- normalised; empty once the invitation's key is destroyed
    role               text        NOT NULL,
    invited_by_user_id uuid,                   -- null when an API key invited
    invited_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    token_sha256       text        NOT NULL,   -- hex; the token itself is never stored
    status             text        NOT NULL,   -- open, accepted, revoked (expired is open and past expires_at)
    stream_sequence    bigint      NOT NULL    -- of MemberInvited
);

CREATE UNIQUE INDEX invitations_token_key ON invitations (token_sha256);
CREATE INDEX invitations_organization_idx ON invitations (organization_id);

CREATE TABLE api_keys (
    api_key_id         uuid        PRIMARY KEY,
    organization_id    uuid        NOT NULL,
    name               text        NOT NULL,
    role               text        NOT NULL,
    prefix             text        NOT NULL,   -- the first characters of the key, to recognise it
    secret_sha256      text        NOT NULL,   -- hex; the key itself is never stored
    created_by_user_id uuid,                   -- null when another API key created it
    created_at         timestamptz NOT NULL,
    revoked            boolean     NOT NULL DEFAULT false,
    stream_sequence    bigint      NOT NULL    -- of ApiKeyCreated
);

CREATE UNIQUE INDEX api_keys_secret_key ON api_keys (secret_sha256);
CREATE INDEX api_keys_organization_idx ON api_keys (organization_id);

-- Owners who joined by OrganizationCreated before this migration.
UPDATE memberships m SET joined_at = o.created_at, joined_sequence = o.stream_sequence
  FROM organizations o WHERE o.organization_id = m.organization_id;
