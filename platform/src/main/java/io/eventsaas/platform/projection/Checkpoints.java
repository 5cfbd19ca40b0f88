package io.eventsaas.platform.projection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each projection stands: the last stream sequence applied, in the same database (and transaction) as
 * the rows it produced. No row means the read model is empty and must be built from the first event.
 */
public final class Checkpoints {

    private final JdbcTemplate jdbc;

    private final ParkedEvents parked;

    public Checkpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.parked = new ParkedEvents(jdbc);
    }

    /** The messages this database's projections parked or are stuck at. */
    public ParkedEvents parked() {
        return parked;
    }

    /** Creates the table if this database has never held a projection (part of the platform, not of a service). */
    public void ensureTable() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS projection_checkpoint (
                    projection    text        PRIMARY KEY,
                    last_sequence bigint      NOT NULL,
                    updated_at    timestamptz NOT NULL DEFAULT now()
                )""");
        parked.ensureTable();
    }

    public long read(String projection) {
        return jdbc.query("SELECT last_sequence FROM projection_checkpoint WHERE projection = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L, projection);
    }

    /**
     * Reads the checkpoint and locks it until the transaction ends, so two instances sharing a database apply
     * each batch once between them.
     */
    long lockAndRead(String projection) {
        jdbc.update("INSERT INTO projection_checkpoint (projection, last_sequence) VALUES (?, 0) "
                + "ON CONFLICT (projection) DO NOTHING", projection);
        return jdbc.queryForObject(
                "SELECT last_sequence FROM projection_checkpoint WHERE projection = ? FOR UPDATE", Long.class,
                projection);
    }

    void write(String projection, long lastSequence) {
        jdbc.update("UPDATE projection_checkpoint SET last_sequence = ?, updated_at = now() WHERE projection = ?",
                lastSequence, projection);
    }
}
