-- The users read model: a disposable projection of the EVENTS stream (drop the database and the service rebuilds
-- it from the stream). Rows change only by applying events; see UsersReadModelProjection.

CREATE TABLE users (
    user_id                  uuid        PRIMARY KEY,
    email                    text        NOT NULL,   -- normalised: trimmed, lower case
    display_name             text        NOT NULL,
    password_hash            text        NOT NULL,   -- Argon2id, PHC string; never the password
    personal_organization_id uuid        NOT NULL,
    registered_at            timestamptz NOT NULL,
    registered_by_command    text        NOT NULL,   -- the causation id of UserRegistered: tells a retry from a rival
    stream_sequence          bigint      NOT NULL    -- of UserRegistered: what a reader waits for
);

-- A second line of defence only. E-mail addresses are made unique by the claims in the NATS KV bucket
-- email-claims, which every instance shares; each instance has its own database, and it may lag the stream.
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE organizations (
    organization_id uuid        PRIMARY KEY,
    name            text        NOT NULL,
    owner_user_id   uuid        NOT NULL,
    personal        boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    stream_sequence bigint      NOT NULL
);

-- No foreign keys: rows arrive in stream order, and a read model must never refuse an event the stream holds.
CREATE TABLE memberships (
    organization_id uuid NOT NULL,
    user_id         uuid NOT NULL,
    role            text NOT NULL,   -- owner, admin, member
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX memberships_user_id_idx ON memberships (user_id);
