package io.eventsaas.projections.views;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The views a read model changed but has not published yet (table {@code view_outbox}), written in the same
 * transaction as the rows: nothing is published during a replay, and once caught up every changed key goes out,
 * also after a crash between commit and publish.
 */
public final class ViewOutbox {

    private final JdbcTemplate jdbc;

    public ViewOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ensureTable() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS view_outbox (
                    projection text NOT NULL,
                    view_key   text NOT NULL,
                    PRIMARY KEY (projection, view_key)
                )""");
    }

    /** Marks keys changed; call inside the batch's transaction. */
    public void changed(String projection, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO view_outbox (projection, view_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                List.copyOf(keys), 1000, (ps, key) -> {
                    ps.setString(1, projection);
                    ps.setString(2, key);
                });
    }

    public List<String> pending(String projection, int limit) {
        return jdbc.queryForList("SELECT view_key FROM view_outbox WHERE projection = ? ORDER BY view_key LIMIT ?",
                String.class, projection, limit);
    }

    public void done(String projection, Collection<String> keys) {
        jdbc.batchUpdate("DELETE FROM view_outbox WHERE projection = ? AND view_key = ?", List.copyOf(keys), 1000,
                (ps, key) -> {
                    ps.setString(1, projection);
                    ps.setString(2, key);
                });
    }
}
