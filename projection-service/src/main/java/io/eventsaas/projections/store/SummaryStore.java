package io.eventsaas.projections.store;

import io.eventsaas.projections.summary.PlatformSummary;
import io.eventsaas.projections.summary.Signup;
import io.eventsaas.projections.summary.StreamPosition;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The platform summary in this service's own database (tables from V1__platform_summary.sql). */
public final class SummaryStore {

    private final JdbcTemplate jdbc;

    public SummaryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The summary as last committed; empty before the first event. */
    public PlatformSummary load() {
        List<Signup> latest = jdbc.query("""
                SELECT user_id, display_name, registered_at, stream_sequence, index_in_commit FROM latest_signup
                ORDER BY registered_at DESC, stream_sequence DESC, index_in_commit DESC""",
                (rs, row) -> new Signup(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        new StreamPosition(rs.getLong(4), rs.getInt(5))));
        return jdbc.query("SELECT users, organizations, as_of_sequence FROM platform_summary",
                rs -> rs.next()
                        ? new PlatformSummary(rs.getLong(1), rs.getLong(2), latest, rs.getLong(3))
                        : PlatformSummary.EMPTY);
    }

    /** Writes what changed from {@code before} to {@code after}; call inside the transaction of the events. */
    void save(PlatformSummary before, PlatformSummary after) {
        if (after.equals(before)) {
            return;
        }
        jdbc.update("""
                INSERT INTO platform_summary (id, users, organizations, as_of_sequence) VALUES (1, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET users = excluded.users, organizations = excluded.organizations,
                    as_of_sequence = excluded.as_of_sequence""",
                after.users(), after.organizations(), after.asOfSequence());
        if (!after.latestSignups().equals(before.latestSignups())) {
            jdbc.update("DELETE FROM latest_signup");
            jdbc.batchUpdate("""
                    INSERT INTO latest_signup (stream_sequence, index_in_commit, display_name, registered_at, user_id)
                    VALUES (?, ?, ?, ?, ?)""", after.latestSignups(), PlatformSummary.LATEST_SIGNUPS, (ps, signup) -> {
                ps.setLong(1, signup.position().sequence());
                ps.setInt(2, signup.position().indexInCommit());
                ps.setString(3, signup.displayName());
                ps.setObject(4, OffsetDateTime.ofInstant(signup.registeredAt(), ZoneOffset.UTC));
                ps.setString(5, signup.userId());
            });
        }
    }
}
