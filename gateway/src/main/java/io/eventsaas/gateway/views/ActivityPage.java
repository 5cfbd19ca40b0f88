package io.eventsaas.gateway.views;

import java.time.Instant;
import java.util.List;

/** One page of an organisation's activity feed, newest first. */
public record ActivityPage(String organizationId, int page, int pageSize, long total, List<Item> entries) {

    public ActivityPage {
        entries = List.copyOf(entries);
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }

    public record Item(Instant occurredAt, String type, String line) {

        private static final java.time.format.DateTimeFormatter WHEN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        /** When it happened, for a page. */
        public String when() {
            return occurredAt == null ? "" : WHEN.format(occurredAt);
        }
    }
}
