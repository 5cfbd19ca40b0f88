package io.eventsaas.platform.archive;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL copy of the EVENTS stream (law 8): table {@code event_archive}, one row per stream message, append-only.
 * Rows are only ever inserted (a second copy of a sequence is ignored); nothing in the application updates or
 * deletes them, and a trigger refuses both.
 */
public final class EventArchive {

    private final JdbcTemplate jdbc;

    public EventArchive(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ensureTable() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS event_archive (
                    stream_sequence bigint      PRIMARY KEY,
                    subject         text        NOT NULL,
                    headers         text        NOT NULL,
                    data            bytea       NOT NULL,
                    stored_at       timestamptz NOT NULL,
                    archived_at     timestamptz NOT NULL DEFAULT now()
                )""");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION event_archive_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'event_archive is append-only';
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'event_archive_append_only') THEN
                        CREATE TRIGGER event_archive_append_only BEFORE UPDATE OR DELETE ON event_archive
                        FOR EACH ROW EXECUTE FUNCTION event_archive_append_only();
                    END IF;
                END $$""");
    }

    /** The last archived sequence, 0 when the archive is empty. */
    public long lastSequence() {
        Long last = jdbc.queryForObject("SELECT max(stream_sequence) FROM event_archive", Long.class);
        return last == null ? 0 : last;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_archive", Long.class);
        return count == null ? 0 : count;
    }

    /** Appends messages; one already archived (same sequence) is left as it is. */
    public void append(List<ArchivedMessage> messages) {
        jdbc.batchUpdate("""
                INSERT INTO event_archive (stream_sequence, subject, headers, data, stored_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream_sequence) DO NOTHING""", messages, 1000, (ps, m) -> {
            ps.setLong(1, m.streamSequence());
            ps.setString(2, m.subject());
            ps.setString(3, encodeHeaders(m.headers()));
            ps.setBytes(4, m.data());
            ps.setObject(5, OffsetDateTime.ofInstant(m.storedAt(), ZoneOffset.UTC));
        });
    }

    /** Every archived message after {@code afterSequence}, in stream order, {@code pageSize} rows per query. */
    public void forEachAfter(long afterSequence, int pageSize, Consumer<ArchivedMessage> action) {
        long from = afterSequence;
        while (true) {
            List<ArchivedMessage> page = jdbc.query("""
                    SELECT stream_sequence, subject, headers, data, stored_at FROM event_archive
                    WHERE stream_sequence > ? ORDER BY stream_sequence LIMIT ?""",
                    (rs, row) -> new ArchivedMessage(rs.getLong(1), rs.getString(2), decodeHeaders(rs.getString(3)),
                            rs.getBytes(4), rs.getObject(5, OffsetDateTime.class).toInstant()), from, pageSize);
            page.forEach(action);
            if (page.size() < pageSize) {
                return;
            }
            from = page.getLast().streamSequence();
        }
    }

    /** Headers as lines {@code Name: value} (one line per value), readable in psql. */
    static String encodeHeaders(Map<String, List<String>> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(value ->
                text.append(name).append(": ").append(value.replace("\r", " ").replace("\n", " ")).append('\n')));
        return text.toString();
    }

    static Map<String, List<String>> decodeHeaders(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(line.substring(colon + 2));
            }
        }
        return headers;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
