package io.eventsaas.projections.views;

import static io.eventsaas.projections.views.Payloads.parse;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.InvitationRevoked;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.contracts.users.UserRenamed;
import io.eventsaas.platform.eventstore.RecordedEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who is who, as a read model needs it to render names: per user the sealed personal data of their latest name
 * (never the name in clear; version 1 events carried it in clear, and so it is kept for them), per invitation the
 * sealed invitee until the invitation is accepted or revoked (then the address is forgotten, as user-service
 * forgets it and shreds its key: a view rendered afterwards, or any rebuild, says "someone"); once it has expired the
 * address is no longer rendered either. Tables
 * {@code <prefix>_person_v<n>} and {@code <prefix>_invitee_v<n>} of the read model that owns it, changed in its
 * transactions.
 */
public final class People {

    public static final Set<String> TYPES = Set.of(EventTypes.USER_REGISTERED, EventTypes.USER_RENAMED,
            EventTypes.USER_ERASED, EventTypes.MEMBER_INVITED, EventTypes.MEMBER_JOINED,
            EventTypes.INVITATION_REVOKED);

    /** How an invitee is named among the mentions of a line (user ids are UUIDs: no clash). */
    public static String invitationMention(String invitationId) {
        return "invitation:" + invitationId;
    }

    private final JdbcTemplate jdbc;
    private final String persons;
    private final String invitees;
    private final PersonalNames names;

    public People(JdbcTemplate jdbc, String persons, String invitees, PersonalNames names) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.invitees = invitees;
        this.names = names;
    }

    public List<String> tables() {
        return List.of("CREATE TABLE IF NOT EXISTS " + persons + " (user_id text PRIMARY KEY, sealed bytea, "
                        + "legacy_name text, erased boolean NOT NULL DEFAULT false)",
                "CREATE TABLE IF NOT EXISTS " + invitees + " (invitation_id text PRIMARY KEY, sealed bytea, "
                        + "expires_at timestamptz)");
    }

    /** What a batch changes, written once at its end. */
    public final class Changes {
        private final Map<String, Person> people = new LinkedHashMap<>();
        /** Sealed invitee per invitation; null: forget it. */
        private final Map<String, Invitee> invited = new LinkedHashMap<>();

        /**
         * Returns the mention whose rendering changed: a user id (renamed or erased), an
         * {@link #invitationMention invitation} (accepted or revoked), or null.
         */
        public String apply(RecordedEvent event) {
            switch (event.type()) {
                case EventTypes.USER_REGISTERED -> {
                    var e = parse(event, UserRegistered.parser());
                    boolean sealed = e.hasPersonalData();
                    people.put(e.getUserId(), new Person(sealed ? e.getPersonalData().toByteArray() : null,
                            sealed ? null : e.getDisplayName(), false));
                    return null;
                }
                case EventTypes.USER_RENAMED -> {
                    var e = parse(event, UserRenamed.parser());
                    people.put(e.getUserId(), new Person(e.getPersonalData().toByteArray(), null, false));
                    return e.getUserId();
                }
                case EventTypes.USER_ERASED -> {
                    String userId = parse(event, io.eventsaas.contracts.users.UserErased.parser()).getUserId();
                    people.put(userId, new Person(null, null, true));
                    return userId;
                }
                case EventTypes.MEMBER_INVITED -> {
                    var e = parse(event, MemberInvited.parser());
                    invited.put(e.getInvitationId(), new Invitee(e.getInvitee().toByteArray(),
                            e.hasExpiresAt() ? java.sql.Timestamp.from(Payloads.instant(e.getExpiresAt())) : null));
                    return null;
                }
                case EventTypes.MEMBER_JOINED -> {
                    String invitationId = parse(event, MemberJoined.parser()).getInvitationId();
                    return invitationId.isEmpty() ? null : forget(invitationId);
                }
                case EventTypes.INVITATION_REVOKED -> {
                    return forget(parse(event, InvitationRevoked.parser()).getInvitationId());
                }
                default -> {
                    return null;
                }
            }
        }

        private String forget(String invitationId) {
            invited.put(invitationId, null);
            return invitationMention(invitationId);
        }

        public void write() {
            if (!people.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + persons + " (user_id, sealed, legacy_name, erased) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed, "
                                + "legacy_name = excluded.legacy_name, erased = excluded.erased",
                        List.copyOf(people.entrySet()), 1000, (ps, entry) -> {
                            ps.setString(1, entry.getKey());
                            ps.setBytes(2, entry.getValue().sealed());
                            ps.setString(3, entry.getValue().legacyName());
                            ps.setBoolean(4, entry.getValue().erased());
                        });
            }
            List<Map.Entry<String, Invitee>> sealed = invited.entrySet().stream().filter(e -> e.getValue() != null)
                    .toList();
            if (!sealed.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + invitees + " (invitation_id, sealed, expires_at) VALUES (?, ?, ?) "
                                + "ON CONFLICT (invitation_id) DO UPDATE SET sealed = excluded.sealed, "
                                + "expires_at = excluded.expires_at",
                        sealed, 1000, (ps, entry) -> {
                            ps.setString(1, entry.getKey());
                            ps.setBytes(2, entry.getValue().sealed());
                            ps.setTimestamp(3, entry.getValue().expiresAt());
                        });
            }
            String[] forgotten = invited.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                    .toArray(String[]::new);
            if (forgotten.length > 0) {
                jdbc.update("DELETE FROM " + invitees + " WHERE invitation_id = ANY(?)", (Object) forgotten);
            }
        }
    }

    public Changes changes() {
        return new Changes();
    }

    /** Display names of these users as of now: opened with the vault, "Erased user" when erased. */
    public Map<String, String> displayNames(Collection<String> userIds) {
        Map<String, String> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT user_id, sealed, legacy_name, erased FROM " + persons + " WHERE user_id = ANY(?)",
                rs -> {
                    String name;
                    if (rs.getBoolean(4)) {
                        name = PersonalNames.ERASED;
                    } else if (rs.getBytes(2) != null) {
                        name = names.displayName(rs.getBytes(2));
                    } else {
                        name = rs.getString(3) == null || rs.getString(3).isBlank() ? "Someone" : rs.getString(3);
                    }
                    result.put(rs.getString(1), name);
                }, (Object) userIds.toArray(String[]::new));
        return result;
    }

    /** Addresses of invitees whose invitations are still open (accepted, revoked and expired ones are absent). */
    public Map<String, String> inviteeEmails(Collection<String> invitationIds) {
        Map<String, String> result = new HashMap<>();
        if (invitationIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT invitation_id, sealed FROM " + invitees + " WHERE invitation_id = ANY(?) "
                        + "AND (expires_at IS NULL OR expires_at > now())",
                rs -> {
                    result.put(rs.getString(1), names.inviteeEmail(rs.getBytes(2)));
                }, (Object) invitationIds.toArray(String[]::new));
        return result;
    }

    /** Mentions of the invitations that expired in {@code (after, upTo]}: their lines now say "someone". */
    public List<String> expiredInvitations(java.time.Instant after, java.time.Instant upTo) {
        return jdbc.queryForList("SELECT invitation_id FROM " + invitees + " WHERE expires_at > ? AND expires_at <= ?",
                String.class, java.sql.Timestamp.from(after), java.sql.Timestamp.from(upTo)).stream()
                .map(People::invitationMention).toList();
    }

    private record Person(byte[] sealed, String legacyName, boolean erased) {
    }

    private record Invitee(byte[] sealed, java.sql.Timestamp expiresAt) {
    }
}
