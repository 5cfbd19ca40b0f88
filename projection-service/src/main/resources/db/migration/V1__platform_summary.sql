-- The platform summary read model. Like every table in this database it is disposable: drop the database and
-- the service rebuilds it from the EVENTS stream. It changes only in the projection runner's transactions,
-- together with the checkpoint (projection_checkpoint, created by the platform), so each event counts once.

-- One row: the counters and the sequence of the newest event they reflect.
CREATE TABLE platform_summary (
    id             smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    users          bigint   NOT NULL CHECK (users >= 0),
    organizations  bigint   NOT NULL CHECK (organizations >= 0),
    as_of_sequence bigint   NOT NULL
);

-- The latest sign-ups (at most five rows), keyed by where the UserRegistered event sits in the stream.
CREATE TABLE latest_signup (
    stream_sequence bigint      NOT NULL,
    index_in_commit integer     NOT NULL,
    display_name    text        NOT NULL,
    registered_at   timestamptz NOT NULL,
    PRIMARY KEY (stream_sequence, index_in_commit)
);
