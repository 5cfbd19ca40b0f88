package io.eventsaas.users.store;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Skipped;
import io.micrometer.core.instrument.Counter;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies users' and organisations' events to the read model, inside the runner's transaction (which also moves
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

    UsersReadModelProjection(DomainEventCodec codec, JdbcClient jdbc, Counter skipped) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.skipped = skipped;
        this.organizations = new OrganizationRows(jdbc);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) || OrganizationRows.handles(eventType);
    }

    @Override
    public void apply(RecordedEvent event) {
        switch (codec.decode(event)) {
            case Known(UserRegistered registered) -> on(registered, event);
            case Known(OrganizationEvent organizationEvent) -> organizations.apply(organizationEvent, event);
            case Skipped(String reason) -> {
                skipped.increment();
                log.warn("Read model skips event {} ({} v{}) at sequence {}: {}", event.eventId(), event.type(),
                        event.schemaVersion(), event.streamSequence(), reason);
            }
        }
    }

    private void on(UserRegistered registered, RecordedEvent event) {
        int inserted = jdbc.sql("""
                        INSERT INTO users (user_id, email, display_name, password_hash, personal_organization_id,
                                           registered_at, registered_by_command, stream_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(registered.userId(), registered.email(), registered.displayName(),
                        registered.passwordHash().value(), registered.personalOrganizationId(),
                        Timestamp.from(event.occurredAt()), event.causationId(), event.streamSequence())
                .update();
        if (inserted == 0 && !exists("users", "user_id", registered.userId())) {
            // Only the e-mail index can refuse a new user: the stream holds two users with one address, which the
            // e-mail claims exist to prevent. Keep the first, say so loudly, and carry on.
            log.error("Read model skips user {} registered at sequence {}: another user has e-mail {} already",
                    registered.userId(), event.streamSequence(), registered.email());
            skipped.increment();
        }
    }

    private boolean exists(String table, String idColumn, Object id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + idColumn + " = ?").param(id).query(Long.class)
                .single() > 0;
    }
}
