-- billing-service's read model: a disposable projection of the EVENTS stream (drop the database and the service
-- rebuilds it). Rows change only by applying events (BillingReadModelProjection), keyed by stream sequence.

-- Organisations and their members, from user-service's events: the seats, and who may change billing.
CREATE TABLE organizations (
    organization_id text    PRIMARY KEY,
    closed          boolean NOT NULL DEFAULT false
);

CREATE TABLE members (
    organization_id text NOT NULL,
    user_id         text NOT NULL,
    role            text NOT NULL,          -- owner, admin, member
    PRIMARY KEY (organization_id, user_id)
);

-- One subscription per organisation: the aggregate's state and its version (the stream sequence of its last
-- event), so a command decides on it and appends with that expected sequence.
CREATE TABLE subscriptions (
    organization_id              text        PRIMARY KEY,
    plan_code                    text        NOT NULL,
    period_start                 timestamptz NOT NULL,
    period_end                   timestamptz NOT NULL,
    monthly_amount               bigint      NOT NULL,
    currency                     text        NOT NULL,
    seats                        int         NOT NULL,
    pm_brand                     text,
    pm_last4                     text,
    pm_exp_month                 int,
    pm_exp_year                  int,
    pm_reference                 text,
    scheduled_plan_code          text,
    cancel_at_period_end         boolean     NOT NULL,
    past_due_invoice_id          text,
    pending_proration_invoice_id text,
    period_invoice_id            text,       -- the invoice the current period needs (a paid renewal), if any
    version                      bigint      NOT NULL
);

CREATE INDEX subscriptions_period_end_idx ON subscriptions (period_end);

CREATE TABLE invoices (
    invoice_id      text        PRIMARY KEY,
    organization_id text        NOT NULL,
    number          text        NOT NULL,
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    total           bigint      NOT NULL,
    currency        text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    status          text        NOT NULL,   -- OPEN, PAID, UNCOLLECTIBLE
    failed_attempts int         NOT NULL,
    first_failed_at timestamptz,
    next_attempt_at timestamptz,
    paid_at         timestamptz,
    failure_reason  text,
    version         bigint      NOT NULL
);

CREATE INDEX invoices_organization_idx ON invoices (organization_id, issued_at);
CREATE INDEX invoices_open_idx ON invoices (status) WHERE status = 'OPEN';

CREATE TABLE invoice_lines (
    invoice_id  text   NOT NULL,
    position    int    NOT NULL,
    description text   NOT NULL,
    quantity    int    NOT NULL,
    unit_amount bigint NOT NULL,
    amount      bigint NOT NULL,
    kind        text   NOT NULL,
    PRIMARY KEY (invoice_id, position)
);
