package io.eventsaas.platform.projection;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The messages projections could not apply, in the projection's own database (table {@code projection_parked},
 * created with the checkpoints). Written outside the failing transaction, so the record survives its rollback.
 * Operators list them ({@code GET /actuator/projections}) and retry them after a fix.
 */
public final class ParkedEvents {

    private final JdbcTemplate jdbc;

    public ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void ensureTable() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS projection_parked (
                    projection      text        NOT NULL,
                    stream_sequence bigint      NOT NULL,
                    subject         text        NOT NULL,
                    reason          text        NOT NULL,
                    error           text        NOT NULL,
                    status          text        NOT NULL,
                    attempts        integer     NOT NULL DEFAULT 1,
                    parked_at       timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (projection, stream_sequence)
                )""");
    }

    void record(String projection, long sequence, String subject, String reason, String error, String status,
            int attempts) {
        String text = error == null ? "" : (error.length() > 2000 ? error.substring(0, 2000) : error);
        jdbc.update("""
                INSERT INTO projection_parked (projection, stream_sequence, subject, reason, error, status, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (projection, stream_sequence) DO UPDATE SET reason = excluded.reason,
                    error = excluded.error, status = excluded.status, attempts = excluded.attempts,
                    parked_at = now()""", projection, sequence, subject, reason, text, status, attempts);
    }

    void resolve(String projection, long sequence) {
        jdbc.update("UPDATE projection_parked SET status = ? WHERE projection = ? AND stream_sequence = ?",
                ParkedEvent.RESOLVED, projection, sequence);
    }

    /** Every parked or stuck message, oldest first (resolved ones too when {@code all}). */
    public List<ParkedEvent> list(boolean all) {
        return jdbc.query("SELECT projection, stream_sequence, subject, reason, error, status, attempts, parked_at "
                        + "FROM projection_parked " + (all ? "" : "WHERE status <> 'resolved' ")
                        + "ORDER BY projection, stream_sequence",
                (rs, row) -> new ParkedEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant()));
    }
}
