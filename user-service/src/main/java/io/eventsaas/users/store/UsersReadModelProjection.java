package io.eventsaas.users.store;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.User;
import io.eventsaas.users.domain.UserEvent.PasswordChanged;
import io.eventsaas.users.domain.UserEvent.UserErased;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.domain.UserEvent.UserRenamed;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Skipped;
import io.eventsaas.users.events.PlanEvents;
import io.micrometer.core.instrument.Counter;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies users' and organisations' events, and the seat limits billing's subscription events set, to the read model, inside the runner's transaction (which also moves
 * the checkpoint). Every insert tolerates a row that is already there, so applying an event again changes
 * nothing. Events it cannot read (a newer schema version, a broken payload) are skipped, logged and counted:
 * they never stop the read model.
 */
final class UsersReadModelProjection implements Projection {

    static final String NAME = "users-read-model-v1";
    private static final Logger log = LoggerFactory.getLogger(UsersReadModelProjection.class);

    private final DomainEventCodec codec;
    private final JdbcClient jdbc;
    private final Counter skipped;
    private final OrganizationRows organizations;
    private final PlanEvents planEvents;
    private final SeatLimitRows seatLimits;

    UsersReadModelProjection(DomainEventCodec codec, PlanEvents planEvents, JdbcClient jdbc, Counter skipped) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.skipped = skipped;
        this.organizations = new OrganizationRows(jdbc);
        this.planEvents = planEvents;
        this.seatLimits = new SeatLimitRows(jdbc);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) || OrganizationRows.handles(eventType)
                || EventTypes.USER_RENAMED.equals(eventType) || EventTypes.PASSWORD_CHANGED.equals(eventType)
                || EventTypes.USER_ERASED.equals(eventType) || PlanEvents.TYPES.contains(eventType);
    }

    @Override
    public void apply(RecordedEvent event) {
        if (PlanEvents.TYPES.contains(event.type())) {
            switch (planEvents.decode(event)) {
                case PlanEvents.Decoded.Known(PlanEvents.PlanInEffect plan) -> seatLimits.apply(plan, event);
                case PlanEvents.Decoded.Skipped(String reason) -> skip(event, reason);
            }
            return;
        }
        switch (codec.decode(event)) {
            case Known(UserRegistered registered) -> on(registered, event);
            case Known(OrganizationEvent organizationEvent) -> organizations.apply(organizationEvent, event);
            case Known(UserRenamed renamed) -> on(renamed, event);
            case Known(PasswordChanged changed) -> on(changed, event);
            case Known(UserErased erased) -> on(erased, event);
            case Skipped(String reason) -> skip(event, reason);
        }
    }

    private void skip(RecordedEvent event, String reason) {
        skipped.increment();
        log.warn("Read model skips event {} ({} v{}) at sequence {}: {}", event.eventId(), event.type(),
                event.schemaVersion(), event.streamSequence(), reason);
    }

    private void on(UserRegistered registered, RecordedEvent event) {
        int inserted = jdbc.sql("""
                        INSERT INTO users (user_id, email, display_name, password_hash, personal_organization_id,
                                           registered_at, registered_by_command, stream_sequence, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                // Personal data that cannot be opened (the key is destroyed) is stored as an erased user's.
                .params(registered.userId(), registered.isErased() ? null : registered.email(),
                        registered.displayName(),
                        registered.isErased() ? null : registered.passwordHash().value(),
                        registered.personalOrganizationId(), Timestamp.from(event.occurredAt()),
                        event.causationId(), event.streamSequence(), event.streamSequence())
                .update();
        if (inserted == 0 && !exists("users", "user_id", registered.userId())) {
            // Only the e-mail index can refuse a new user: the stream holds two users with one address, which the
            // e-mail claims exist to prevent. Keep the first, say so loudly, and carry on.
            log.error("Read model skips user {} registered at sequence {}: another user has their e-mail address",
                    registered.userId(), event.streamSequence());
            skipped.increment();
        }
    }

    // User events after the registration: each moves the row's version to its stream sequence, and applies only
    // to a row whose version is older, so applying one twice changes nothing.

    private void on(UserRenamed renamed, RecordedEvent event) {
        // A name that cannot be opened any more belongs to an erased user: keep the "Erased user" the row has.
        updateUser(renamed.userId(), event, "display_name", renamed.displayName());
    }

    private void on(PasswordChanged changed, RecordedEvent event) {
        updateUser(changed.userId(), event, "password_hash",
                changed.passwordHash() == null ? null : changed.passwordHash().value());
    }

    /** Sets one column (unless the value is unreadable or the user erased) and moves the version on. */
    private void updateUser(java.util.UUID userId, RecordedEvent event, String column, String value) {
        if (value == null) {
            jdbc.sql("UPDATE users SET version = ? WHERE user_id = ? AND version < ?")
                    .params(event.streamSequence(), userId, event.streamSequence())
                    .update();
            return;
        }
        jdbc.sql("UPDATE users SET " + column + " = CASE WHEN erased THEN " + column + " ELSE ? END, version = ?"
                        + " WHERE user_id = ? AND version < ?")
                .params(value, event.streamSequence(), userId, event.streamSequence())
                .update();
    }

    private void on(UserErased erased, RecordedEvent event) {
        jdbc.sql("""
                        UPDATE users SET erased = true, erased_at = ?, email = NULL, password_hash = NULL,
                                         display_name = ?, version = ?
                         WHERE user_id = ? AND version < ?""")
                .params(Timestamp.from(event.occurredAt()), User.ERASED_NAME, event.streamSequence(), erased.userId(),
                        event.streamSequence())
                .update();
    }

    private boolean exists(String table, String idColumn, Object id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + idColumn + " = ?").param(id).query(Long.class)
                .single() > 0;
    }
}
