package io.eventsaas.users.store;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.OrganizationEvent.ApiKeyCreated;
import io.eventsaas.users.domain.OrganizationEvent.ApiKeyRevoked;
import io.eventsaas.users.domain.OrganizationEvent.InvitationRevoked;
import io.eventsaas.users.domain.OrganizationEvent.MemberInvited;
import io.eventsaas.users.domain.OrganizationEvent.MemberJoined;
import io.eventsaas.users.domain.OrganizationEvent.MemberRemoved;
import io.eventsaas.users.domain.OrganizationEvent.MemberRoleChanged;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationClosed;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import java.sql.Timestamp;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The organisation rows of the read model (organizations, memberships, invitations, api_keys), changed only by
 * applying the organisation's events, inside the projection's transaction.
 *
 * <p>Idempotent and keyed by stream sequence: each organisation row remembers the last event applied to it as
 * (stream sequence, index in its commit), and an event at or before that position changes nothing. A rebuild from
 * the stream therefore gives the same rows, however often a stretch of it is replayed.
 */
final class OrganizationRows {

    private static final Set<String> TYPES = Set.of(EventTypes.ORGANIZATION_CREATED, EventTypes.MEMBER_INVITED,
            EventTypes.INVITATION_REVOKED, EventTypes.MEMBER_JOINED, EventTypes.MEMBER_ROLE_CHANGED,
            EventTypes.MEMBER_REMOVED, EventTypes.ORGANIZATION_CLOSED, EventTypes.API_KEY_CREATED,
            EventTypes.API_KEY_REVOKED);

    private final JdbcClient jdbc;

    OrganizationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    void apply(OrganizationEvent event, RecordedEvent recorded) {
        if (event instanceof OrganizationCreated created) {
            on(created, recorded);
            return;
        }
        if (!advance(event, recorded)) {
            return;
        }
        Timestamp at = Timestamp.from(recorded.occurredAt());
        long sequence = recorded.streamSequence();
        switch (event) {
            case OrganizationCreated created -> {
            }
            case MemberInvited e -> jdbc.sql("""
                            INSERT INTO invitations (invitation_id, organization_id, email, role, invited_by_user_id,
                                                     invited_at, expires_at, token_sha256, status, stream_sequence)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
                            ON CONFLICT DO NOTHING""")
                    .params(e.invitationId(), e.organizationId(), e.email(), e.role().wireName(),
                            e.invitedByUserId(), at, Timestamp.from(e.expiresAt()), e.tokenSha256(), sequence)
                    .update();
            // An accepted or revoked invitation's address is shredded (its key destroyed): forget it here too, so the
            // row is the same whether it was applied before the key went or rebuilt after.
            case InvitationRevoked e -> jdbc.sql("""
                            UPDATE invitations SET status = 'revoked', email = ''
                             WHERE invitation_id = ? AND status = 'open'""")
                    .param(e.invitationId()).update();
            case MemberJoined e -> {
                jdbc.sql("""
                                INSERT INTO memberships (organization_id, user_id, role, joined_at, joined_sequence)
                                VALUES (?, ?, ?, ?, ?)
                                ON CONFLICT (organization_id, user_id) DO UPDATE
                                   SET role = excluded.role, joined_at = excluded.joined_at,
                                       joined_sequence = excluded.joined_sequence""")
                        .params(e.organizationId(), e.userId(), e.role().wireName(), at, sequence).update();
                if (e.invitationId() != null) {
                    jdbc.sql("UPDATE invitations SET status = 'accepted', email = '' WHERE invitation_id = ?")
                            .param(e.invitationId()).update();
                }
            }
            case MemberRoleChanged e -> jdbc.sql(
                            "UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?")
                    .params(e.role().wireName(), e.organizationId(), e.userId()).update();
            case MemberRemoved e -> jdbc.sql("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?")
                    .params(e.organizationId(), e.userId()).update();
            case OrganizationClosed e -> {
                jdbc.sql("UPDATE organizations SET closed = true WHERE organization_id = ?")
                        .param(e.organizationId()).update();
                jdbc.sql("DELETE FROM memberships WHERE organization_id = ?").param(e.organizationId()).update();
                jdbc.sql("UPDATE api_keys SET revoked = true WHERE organization_id = ?")
                        .param(e.organizationId()).update();
                jdbc.sql("""
                                UPDATE invitations SET status = 'revoked', email = ''
                                 WHERE organization_id = ? AND status = 'open'""")
                        .param(e.organizationId()).update();
            }
            case ApiKeyCreated e -> jdbc.sql("""
                            INSERT INTO api_keys (api_key_id, organization_id, name, role, prefix, secret_sha256,
                                                  created_by_user_id, created_at, stream_sequence)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING""")
                    .params(e.apiKeyId(), e.organizationId(), e.name(), e.role().wireName(), e.prefix(),
                            e.secretSha256(), e.createdByUserId(), at, sequence)
                    .update();
            case ApiKeyRevoked e -> jdbc.sql("UPDATE api_keys SET revoked = true WHERE api_key_id = ?")
                    .param(e.apiKeyId()).update();
        }
    }

    private void on(OrganizationCreated created, RecordedEvent event) {
        jdbc.sql("""
                        INSERT INTO organizations (organization_id, name, owner_user_id, personal, created_at,
                                                   stream_sequence, applied_sequence, applied_index)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(created.organizationId(), created.name(), created.ownerUserId(), created.personal(),
                        Timestamp.from(event.occurredAt()), event.streamSequence(), event.streamSequence(),
                        event.indexInCommit())
                .update();
        jdbc.sql("""
                        INSERT INTO memberships (organization_id, user_id, role, joined_at, joined_sequence)
                        VALUES (?, ?, 'owner', ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(created.organizationId(), created.ownerUserId(), Timestamp.from(event.occurredAt()),
                        event.streamSequence())
                .update();
    }

    /** Moves the organisation's position to this event; false when it was applied before (or has no organisation). */
    private boolean advance(OrganizationEvent event, RecordedEvent recorded) {
        return jdbc.sql("""
                        UPDATE organizations SET applied_sequence = ?, applied_index = ?
                         WHERE organization_id = ? AND (applied_sequence, applied_index) < (?, ?)""")
                .params(recorded.streamSequence(), recorded.indexInCommit(), event.organizationId(),
                        recorded.streamSequence(), recorded.indexInCommit())
                .update() == 1;
    }
}
