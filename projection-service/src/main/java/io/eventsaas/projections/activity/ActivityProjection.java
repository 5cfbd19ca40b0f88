package io.eventsaas.projections.activity;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.ActivityEntry;
import io.eventsaas.contracts.views.ActivityFeedChunk;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.views.People;
import io.eventsaas.projections.views.PersonalNames;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import io.eventsaas.projections.views.ViewProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each organisation's activity feed: a readable line for every event that concerns it (members, invitations, API
 * keys, billing), numbered per organisation in stream order. Published as a head ({@code activity.<org>}: total
 * and chunk size) and chunks of {@value #CHUNK_SIZE} entries, oldest first ({@code activity.<org>.<n>}), so an
 * event rewrites one chunk and the head, never the whole feed.
 */
public final class ActivityProjection extends ViewProjection {

    /** Change to rebuild the read model beside the current one. */
    /** 2: an invitee's address is forgotten once the invitation is accepted or revoked. */
    public static final int VERSION = 2;
    public static final int CHUNK_SIZE = 50;

    /** An invitation mentioned in a line's template. */
    private static final Pattern INVITATION = Pattern.compile("\\{i:([^}]*)}");

    private final People people;

    public ActivityProjection(JdbcTemplate jdbc, int version, ViewOutbox outbox, ViewBucket bucket,
            PersonalNames names) {
        super(jdbc, version, outbox, bucket);
        this.people = new People(jdbc, "activity_person_v" + version, "activity_invitee_v" + version, names);
    }

    @Override
    protected String model() {
        return "activity";
    }

    @Override
    protected List<String> tables() {
        List<String> ddl = new ArrayList<>(people.tables());
        ddl.add("""
                CREATE TABLE IF NOT EXISTS activity_v{v} (
                    organization_id text NOT NULL, idx integer NOT NULL, stream_sequence bigint NOT NULL,
                    occurred_at timestamptz NOT NULL, event_type text NOT NULL, template text NOT NULL,
                    PRIMARY KEY (organization_id, idx))""");
        ddl.add("""
                CREATE TABLE IF NOT EXISTS activity_org_v{v} (
                    organization_id text PRIMARY KEY, total integer NOT NULL, as_of_sequence bigint NOT NULL)""");
        ddl.add("""
                CREATE TABLE IF NOT EXISTS activity_mention_v{v} (
                    user_id text NOT NULL, organization_id text NOT NULL, chunk integer NOT NULL,
                    PRIMARY KEY (user_id, organization_id, chunk))""");
        return ddl;
    }

    @Override
    protected String keyPattern() {
        return Buckets.ACTIVITY_PREFIX + ">";
    }

    @Override
    public boolean handles(String eventType) {
        return knows(eventType);
    }

    @Override
    public void apply(RecordedEvent event) {
        applyBatch(List.of(event));
    }

    @Override
    public void applyBatch(List<RecordedEvent> events) {
        People.Changes names = people.changes();
        Set<String> renamed = new LinkedHashSet<>();
        List<Pending> lines = new ArrayList<>();
        for (RecordedEvent event : events) {
            String changedName = names.apply(event);
            if (changedName != null) {
                renamed.add(changedName);
            }
            ActivityLines.describe(event).ifPresent(line -> lines.add(new Pending(line, event)));
        }
        names.write();
        Set<String> keys = new LinkedHashSet<>();
        if (!lines.isEmpty()) {
            Map<String, int[]> totals = loadTotals(lines.stream().map(p -> p.line().organizationId()).toList());
            List<Object[]> rows = new ArrayList<>();
            List<Object[]> mentions = new ArrayList<>();
            Map<String, Long> asOf = new HashMap<>();
            for (Pending pending : lines) {
                String org = pending.line().organizationId();
                int idx = totals.computeIfAbsent(org, o -> new int[] {0})[0]++;
                RecordedEvent event = pending.event();
                rows.add(new Object[] {org, idx, event.streamSequence(),
                        OffsetDateTime.ofInstant(event.occurredAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                        event.type(), pending.line().template()});
                for (String mention : ActivityLines.mentions(pending.line().template())) {
                    mentions.add(new Object[] {mention, org, idx / CHUNK_SIZE});
                }
                asOf.put(org, event.streamSequence());
                keys.add(Buckets.activity(org));
                keys.add(Buckets.activityChunk(org, idx / CHUNK_SIZE));
            }
            jdbc.batchUpdate("INSERT INTO " + table("activity") + " (organization_id, idx, stream_sequence, "
                    + "occurred_at, event_type, template) VALUES (?, ?, ?, ?, ?, ?)", rows);
            jdbc.batchUpdate("INSERT INTO " + table("activity_org") + " (organization_id, total, as_of_sequence) "
                    + "VALUES (?, ?, ?) ON CONFLICT (organization_id) DO UPDATE SET total = excluded.total, "
                    + "as_of_sequence = excluded.as_of_sequence",
                    asOf.entrySet().stream().map(e -> new Object[] {e.getKey(), totals.get(e.getKey())[0], e.getValue()})
                            .toList());
            if (!mentions.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + table("activity_mention") + " (user_id, organization_id, chunk) "
                        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", mentions);
            }
        }
        if (!renamed.isEmpty()) {
            // A new name, an erasure or a forgotten invitee shows in every line that mentions them: re-render those
            // chunks.
            keys.addAll(chunksMentioning(renamed));
        }
        changed(keys);
    }

    private Map<String, int[]> loadTotals(List<String> organizations) {
        Map<String, int[]> totals = new HashMap<>();
        jdbc.query("SELECT organization_id, total FROM " + table("activity_org") + " WHERE organization_id = ANY(?)",
                rs -> {
                    totals.put(rs.getString(1), new int[] {rs.getInt(2)});
                }, (Object) new LinkedHashSet<>(organizations).toArray(String[]::new));
        return totals;
    }

    @Override
    protected Optional<Message> render(String key) {
        return Optional.ofNullable(renderAll(List.of(key)).get(key));
    }

    /** Heads in one query, chunks in one, and the names their lines mention in one more. */
    @Override
    protected Map<String, Message> renderAll(List<String> keys) {
        List<String> heads = new ArrayList<>();
        List<String> chunkOrgs = new ArrayList<>();
        List<Integer> chunkNumbers = new ArrayList<>();
        for (String key : keys) {
            String rest = key.substring(Buckets.ACTIVITY_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                heads.add(rest);
            } else {
                chunkOrgs.add(rest.substring(0, dot));
                chunkNumbers.add(Integer.parseInt(rest.substring(dot + 1)));
            }
        }
        Map<String, Message> views = new LinkedHashMap<>();
        if (!heads.isEmpty()) {
            jdbc.query("SELECT organization_id, total, as_of_sequence FROM " + table("activity_org")
                    + " WHERE organization_id = ANY(?)", rs -> {
                        views.put(Buckets.activity(rs.getString(1)), ActivityFeedHead.newBuilder()
                                .setReadModelVersion(version).setAsOfSequence(rs.getLong(3)).setTotal(rs.getInt(2))
                                .setChunkSize(CHUNK_SIZE).build());
                    }, (Object) heads.toArray(String[]::new));
        }
        if (!chunkOrgs.isEmpty()) {
            renderChunks(chunkOrgs, chunkNumbers, views);
        }
        return views;
    }

    private void renderChunks(List<String> orgs, List<Integer> chunks, Map<String, Message> views) {
        Map<String, List<Row>> rowsByKey = new LinkedHashMap<>();
        jdbc.query("SELECT a.organization_id, a.idx, a.stream_sequence, a.occurred_at, a.event_type, a.template FROM "
                        + table("activity") + " a JOIN unnest(?::text[], ?::int[]) AS c(org, chunk) "
                        + "ON a.organization_id = c.org AND a.idx >= c.chunk * " + CHUNK_SIZE
                        + " AND a.idx < (c.chunk + 1) * " + CHUNK_SIZE + " ORDER BY a.organization_id, a.idx",
                rs -> {
                    rowsByKey.computeIfAbsent(Buckets.activityChunk(rs.getString(1), rs.getInt(2) / CHUNK_SIZE),
                            k -> new ArrayList<>()).add(new Row(rs.getLong(3),
                                    rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                                    rs.getString(6)));
                }, orgs.toArray(String[]::new), chunks.toArray(Integer[]::new));
        Set<String> users = new LinkedHashSet<>();
        Set<String> invitations = new LinkedHashSet<>();
        for (List<Row> rows : rowsByKey.values()) {
            for (Row row : rows) {
                users.addAll(ActivityLines.mentionedUsers(row.template()));
                Matcher m = INVITATION.matcher(row.template());
                while (m.find()) {
                    invitations.add(m.group(1));
                }
            }
        }
        Map<String, String> names = people.displayNames(users);
        Map<String, String> invitees = people.inviteeEmails(invitations);
        rowsByKey.forEach((key, rows) -> {
            ActivityFeedChunk.Builder view = ActivityFeedChunk.newBuilder().setReadModelVersion(version)
                    .setAsOfSequence(rows.getLast().sequence());
            for (Row row : rows) {
                view.addEntries(ActivityEntry.newBuilder()
                        .setOccurredAt(Timestamp.newBuilder().setSeconds(row.occurredAt().getEpochSecond())
                                .setNanos(row.occurredAt().getNano()))
                        .setEventType(row.type())
                        .setStreamSequence(row.sequence())
                        .setLine(ActivityLines.render(row.template(), id -> names.getOrDefault(id, "Someone"),
                                id -> invitees.getOrDefault(id, "someone"))));
            }
            views.put(key, view.build());
        });
    }

    /**
     * Re-renders the chunks that name an invitee whose invitation expired in {@code (after, upTo]}: no event marks an
     * expiry, so time does ({@link ExpiredInvitations}). Call only once caught up; returns the views published.
     */
    public int rerenderExpiredInvitations(Instant after, Instant upTo) {
        List<String> expired = people.expiredInvitations(after, upTo);
        if (expired.isEmpty()) {
            return 0;
        }
        changed(chunksMentioning(expired));
        return publishPending();
    }

    /** The keys of the chunks whose lines name any of these mentions (user ids, invitation mentions). */
    private Set<String> chunksMentioning(java.util.Collection<String> mentions) {
        Set<String> keys = new LinkedHashSet<>();
        jdbc.query("SELECT organization_id, chunk FROM " + table("activity_mention") + " WHERE user_id = ANY(?)",
                rs -> {
                    keys.add(Buckets.activityChunk(rs.getString(1), rs.getInt(2)));
                }, (Object) mentions.toArray(String[]::new));
        return keys;
    }

    private record Pending(ActivityLines.Line line, RecordedEvent event) {
    }

    private record Row(long sequence, Instant occurredAt, String type, String template) {
    }
}
