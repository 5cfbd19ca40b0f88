package io.eventsaas.users.store;

import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.events.PlanEvents.PlanInEffect;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seat_limits rows, changed only by applying billing's events that set an organisation's plan, inside the
 * projection's transaction. Keyed by stream position like {@link OrganizationRows}: an event at or before the one
 * applied last changes nothing, so a replay or a rebuild gives the same rows.
 */
final class SeatLimitRows {

    private final JdbcClient jdbc;

    SeatLimitRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(PlanInEffect plan, RecordedEvent recorded) {
        jdbc.sql("""
                        INSERT INTO seat_limits (organization_id, plan_code, seat_limit, applied_sequence, applied_index)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id) DO UPDATE
                           SET plan_code = excluded.plan_code, seat_limit = excluded.seat_limit,
                               applied_sequence = excluded.applied_sequence, applied_index = excluded.applied_index
                         WHERE (seat_limits.applied_sequence, seat_limits.applied_index)
                               < (excluded.applied_sequence, excluded.applied_index)""")
                .params(plan.organizationId(), plan.seatLimit().planCode(), plan.seatLimit().seats(),
                        recorded.streamSequence(), recorded.indexInCommit())
                .update();
    }
}
