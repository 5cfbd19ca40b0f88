-- The seat limit of each organisation's plan, from billing's subscription events (SubscriptionStarted, PlanChanged,
-- SubscriptionRenewed carry it; user-service does not know the plans). No row: billing has not spoken yet, no limit.
-- Like every table here, a disposable projection of the EVENTS stream (see SeatLimitRows).
CREATE TABLE seat_limits (
    organization_id  uuid    PRIMARY KEY,
    plan_code        text    NOT NULL,
    seat_limit       integer NOT NULL,   -- members plus open invitations; 0 = unlimited
    -- the subscription event applied last, as (stream sequence, index in its commit): an event at or before it is
    -- not applied again, so replaying a stretch of the stream changes nothing
    applied_sequence bigint  NOT NULL,
    applied_index    integer NOT NULL
);
