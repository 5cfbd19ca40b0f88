package io.eventsaas.users.store;

import io.eventsaas.users.domain.SeatLimit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Questions about organisations, their members, invitations and API keys, answered from the read model. */
public final class OrganizationsReadModel {

    /** An open (not closed) organisation. */
    public record OrganizationView(UUID organizationId, String name, boolean personal, Instant createdAt,
            int memberCount, long appliedSequence) {
    }

    /** A member; {@code email} and {@code displayName} are null when the user's data is gone (erased). */
    public record MemberView(UUID userId, String displayName, String email, String role, Instant joinedAt) {
    }

    /**
     * An invitation; status is "open", "accepted" or "revoked" (an open one may be past its expiry); {@code email} is
     * empty once the invitee's address is shredded.
     */
    public record InvitationView(UUID invitationId, UUID organizationId, String organizationName, String email,
            String role, UUID invitedByUserId, String invitedByName, Instant invitedAt, Instant expiresAt,
            String status) {

        /** True when an open invitation can no longer be accepted at {@code now}. */
        public boolean expiredAt(Instant now) {
            return "open".equals(status) && !now.isBefore(expiresAt);
        }

        /** The invitation as it shows once its invitee's address is shredded. */
        public InvitationView withoutAddress() {
            return new InvitationView(invitationId, organizationId, organizationName, "", role, invitedByUserId,
                    invitedByName, invitedAt, expiresAt, status);
        }
    }

    public record ApiKeyView(UUID apiKeyId, UUID organizationId, String name, String role, String prefix,
            UUID createdByUserId, Instant createdAt, boolean revoked) {
    }

    private final JdbcClient jdbc;

    OrganizationsReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrganizationView> organization(UUID organizationId) {
        return jdbc.sql("""
                        SELECT o.organization_id, o.name, o.personal, o.created_at,
                               (SELECT count(*) FROM memberships m WHERE m.organization_id = o.organization_id),
                               o.applied_sequence
                          FROM organizations o WHERE o.organization_id = ? AND NOT o.closed""")
                .param(organizationId)
                .query((rs, row) -> new OrganizationView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getBoolean(3), instant(rs, 4), rs.getInt(5), rs.getLong(6)))
                .optional();
    }

    /**
     * The seats the organisation's plan allows, as billing's events last said; no limit when billing has not spoken
     * about it yet (its subscription starts moments after the organisation, and nobody can wait for that).
     */
    public SeatLimit seatLimit(UUID organizationId) {
        return jdbc.sql("SELECT plan_code, seat_limit FROM seat_limits WHERE organization_id = ?")
                .param(organizationId)
                .query((rs, row) -> new SeatLimit(rs.getString(1), rs.getInt(2)))
                .optional()
                .orElse(SeatLimit.NONE);
    }

    /** The user's role in the organisation, empty when they are not a member (or it is closed). */
    public Optional<String> roleOf(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId)
                .query(String.class)
                .optional();
    }

    /** Owners first, then by name (erased users last). */
    public List<MemberView> members(UUID organizationId) {
        return jdbc.sql("""
                        SELECT m.user_id, u.display_name, u.email, m.role, m.joined_at
                          FROM memberships m LEFT JOIN users u ON u.user_id = m.user_id
                         WHERE m.organization_id = ?
                         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END,
                                  u.display_name NULLS LAST, m.joined_sequence, m.user_id""")
                .param(organizationId)
                .query((rs, row) -> new MemberView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), instantOrNull(rs, 5)))
                .list();
    }

    /** Every organisation the user belongs to. */
    public List<UUID> organizationsOf(UUID userId) {
        return jdbc.sql("SELECT organization_id FROM memberships WHERE user_id = ? ORDER BY joined_sequence")
                .param(userId)
                .query(UUID.class)
                .list();
    }

    private static final String INVITATION_SELECT = """
            SELECT i.invitation_id, i.organization_id, o.name, i.email, i.role, i.invited_by_user_id,
                   u.display_name, i.invited_at, i.expires_at, i.status
              FROM invitations i JOIN organizations o ON o.organization_id = i.organization_id
                   LEFT JOIN users u ON u.user_id = i.invited_by_user_id
            """;

    /** Open invitations that have not expired by {@code now} (the only ones whose address shows), newest first. */
    public List<InvitationView> openInvitations(UUID organizationId, Instant now) {
        return jdbc.sql(INVITATION_SELECT + """
                         WHERE i.organization_id = ? AND i.status = 'open' AND i.expires_at > ?
                         ORDER BY i.stream_sequence DESC""")
                .params(organizationId, Timestamp.from(now))
                .query(OrganizationsReadModel::invitation)
                .list();
    }

    public Optional<InvitationView> invitationByTokenHash(String tokenSha256) {
        return jdbc.sql(INVITATION_SELECT + " WHERE i.token_sha256 = ?")
                .param(tokenSha256)
                .query(OrganizationsReadModel::invitation)
                .optional();
    }

    public Optional<InvitationView> invitation(UUID invitationId) {
        return jdbc.sql(INVITATION_SELECT + " WHERE i.invitation_id = ?")
                .param(invitationId)
                .query(OrganizationsReadModel::invitation)
                .optional();
    }

    /** Active keys, newest first. */
    public List<ApiKeyView> activeApiKeys(UUID organizationId) {
        return jdbc.sql("""
                        SELECT api_key_id, organization_id, name, role, prefix, created_by_user_id, created_at, revoked
                          FROM api_keys WHERE organization_id = ? AND NOT revoked ORDER BY stream_sequence DESC""")
                .param(organizationId)
                .query(OrganizationsReadModel::apiKey)
                .list();
    }

    public Optional<ApiKeyView> apiKey(UUID apiKeyId) {
        return jdbc.sql("""
                        SELECT api_key_id, organization_id, name, role, prefix, created_by_user_id, created_at, revoked
                          FROM api_keys WHERE api_key_id = ?""")
                .param(apiKeyId)
                .query(OrganizationsReadModel::apiKey)
                .optional();
    }

    /** The active key with this secret hash (one indexed lookup: authenticating a key must be fast). */
    public Optional<ApiKeyView> activeApiKeyBySecretHash(String secretSha256) {
        return jdbc.sql("""
                        SELECT api_key_id, organization_id, name, role, prefix, created_by_user_id, created_at, revoked
                          FROM api_keys WHERE secret_sha256 = ? AND NOT revoked""")
                .param(secretSha256)
                .query(OrganizationsReadModel::apiKey)
                .optional();
    }

    private static InvitationView invitation(ResultSet rs, int row) throws SQLException {
        return new InvitationView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), instant(rs, 8),
                instant(rs, 9), rs.getString(10));
    }

    private static ApiKeyView apiKey(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), instant(rs, 7), rs.getBoolean(8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
