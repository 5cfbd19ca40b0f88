package io.eventsaas.users.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expired invitations whose row still holds the invitee's address, for the sweep that shreds it.
 *
 * <p>The one change to the read model that does not come from applying an event, and why that is safe: the
 * {@code email} column is what the invitation's key opens (the projection stores what {@code MemberInvited} opens
 * to, and an empty string when its key is gone). Once the sweep has destroyed the key, a rebuild would store an
 * empty string, so forgetting it here makes the row what a rebuild gives; nothing else in the row changes, and the
 * projection's checkpoints are not touched. The key is destroyed first: a crash in between leaves the row as it
 * was, and the next sweep finds it again.
 */
public final class ExpiredInvitations {

    private final JdbcClient jdbc;

    ExpiredInvitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open invitations expired by {@code now} that still show an address, oldest expiry first, at most {@code limit}. */
    public List<UUID> stillShowingAnAddress(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT invitation_id FROM invitations
                         WHERE status = 'open' AND expires_at <= ? AND email <> ''
                         ORDER BY expires_at, invitation_id LIMIT ?""")
                .params(Timestamp.from(now), limit)
                .query(UUID.class)
                .list();
    }

    /** Forgets the invitee's address of an invitation expired by {@code now}, after its key was destroyed. */
    public void forgetAddress(UUID invitationId, Instant now) {
        jdbc.sql("""
                        UPDATE invitations SET email = ''
                         WHERE invitation_id = ? AND status = 'open' AND expires_at <= ?""")
                .params(invitationId, Timestamp.from(now))
                .update();
    }
}
