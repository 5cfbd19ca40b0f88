package io.eventsaas.platform.projection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each projection stands: the last stream sequence applied, in the same database (and transaction) as
 * the rows it produced, and the stream it counts in. No row means the read model is empty and must be built from
 * the first event.
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
                    updated_at    timestamptz NOT NULL DEFAULT now(),
                    stream        text
                )""");
        // A table from before streams were recorded gets the column (null in its rows). Only then: an ALTER TABLE
        // waits for every open transaction on the table, a running instance's checkpoint lock included.
        boolean hasStream = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                               AND table_name = 'projection_checkpoint' AND column_name = 'stream')""", Boolean.class);
        if (!hasStream) {
            jdbc.execute("ALTER TABLE projection_checkpoint ADD COLUMN IF NOT EXISTS stream text");
        }
        parked.ensureTable();
    }

    /**
     * Makes sure the checkpoint counts in the stream that is there now ({@link #write} records it). A read model built
     * from a stream that was since deleted and created again would otherwise take the new stream's first events for
     * ones it has applied, skip them all, and report itself caught up: refusing to start is the only safe answer.
     * A row from before streams were recorded is trusted unless its sequence lies beyond the stream's end.
     *
     * @throws ForeignStreamException when the read model was built from another stream
     */
    void ensureSameStream(String projection, String stream, long checkpoint, long streamLast) {
        String recorded = jdbc.query("SELECT stream FROM projection_checkpoint WHERE projection = ?",
                rs -> rs.next() ? rs.getString(1) : null, projection);
        if (recorded != null ? !recorded.equals(stream) : checkpoint > streamLast) {
            throw new ForeignStreamException(projection, recorded, checkpoint, stream, streamLast);
        }
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

    /** Moves the checkpoint on, in the stream it counts in (inside the transaction that holds its lock). */
    void write(String projection, long lastSequence, String stream) {
        jdbc.update("UPDATE projection_checkpoint SET last_sequence = ?, stream = ?, updated_at = now() "
                + "WHERE projection = ?", lastSequence, stream, projection);
    }
}
