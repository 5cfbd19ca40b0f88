package io.eventsaas.users.store;

import io.eventsaas.users.store.UserView.MembershipView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Questions the use cases ask of the read model. */
public final class UsersReadModel {

    private final JdbcClient jdbc;

    UsersReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserView> findUser(UUID userId) {
        List<MembershipView> organizations = jdbc.sql("""
                        SELECT o.organization_id, o.name, m.role, o.personal
                          FROM memberships m JOIN organizations o ON o.organization_id = m.organization_id
                         WHERE m.user_id = ?
                         ORDER BY o.personal DESC, o.created_at, o.organization_id""")
                .param(userId)
                .query((rs, row) -> new MembershipView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getBoolean(4)))
                .list();
        return jdbc.sql("SELECT user_id, email, display_name, registered_at FROM users WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new UserView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), organizations))
                .optional();
    }

    public Optional<RegistrationRecord> registrationOf(UUID userId) {
        return jdbc.sql("SELECT registered_by_command, stream_sequence FROM users WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new RegistrationRecord(rs.getString(1), rs.getLong(2)))
                .optional();
    }

    /** The account of a user (erased or not), or empty when this read model does not know the user. */
    public Optional<Account> findAccount(UUID userId) {
        return jdbc.sql(ACCOUNT + " WHERE user_id = ?").param(userId).query(UsersReadModel::account).optional();
    }

    /** The account registered with this normalised address, or empty (erased users have no address). */
    public Optional<Account> findAccountByEmail(String normalisedEmail) {
        return jdbc.sql(ACCOUNT + " WHERE email = ?").param(normalisedEmail).query(UsersReadModel::account)
                .optional();
    }

    private static final String ACCOUNT = """
            SELECT user_id, email, display_name, password_hash, personal_organization_id, registered_at, erased,
                   version
              FROM users""";

    private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getBoolean(7),
                rs.getLong(8));
    }

    public boolean organizationExists(UUID organizationId) {
        return jdbc.sql("SELECT count(*) FROM organizations WHERE organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single() > 0;
    }
}
