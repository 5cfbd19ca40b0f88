package io.eventsaas.users.domain;

import static io.eventsaas.users.domain.OrganizationRefusal.conflict;
import static io.eventsaas.users.domain.OrganizationRefusal.forbidden;
import static io.eventsaas.users.domain.OrganizationRefusal.gone;
import static io.eventsaas.users.domain.OrganizationRefusal.notFound;

import io.eventsaas.users.domain.OrganizationCommand.AcceptInvitation;
import io.eventsaas.users.domain.OrganizationCommand.ChangeMemberRole;
import io.eventsaas.users.domain.OrganizationCommand.CreateApiKey;
import io.eventsaas.users.domain.OrganizationCommand.CreateOrganization;
import io.eventsaas.users.domain.OrganizationCommand.CreatePersonalOrganization;
import io.eventsaas.users.domain.OrganizationCommand.InviteMember;
import io.eventsaas.users.domain.OrganizationCommand.LeaveOnErasure;
import io.eventsaas.users.domain.OrganizationCommand.RemoveMember;
import io.eventsaas.users.domain.OrganizationCommand.RevokeApiKey;
import io.eventsaas.users.domain.OrganizationCommand.RevokeInvitation;
import io.eventsaas.users.domain.OrganizationEvent.ApiKeyCreated;
import io.eventsaas.users.domain.OrganizationEvent.ApiKeyRevoked;
import io.eventsaas.users.domain.OrganizationEvent.InvitationRevoked;
import io.eventsaas.users.domain.OrganizationEvent.MemberInvited;
import io.eventsaas.users.domain.OrganizationEvent.MemberJoined;
import io.eventsaas.users.domain.OrganizationEvent.MemberRemoved;
import io.eventsaas.users.domain.OrganizationEvent.MemberRoleChanged;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationClosed;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The organisation aggregate as a decider: its members and their roles, its invitations and its API keys. All of
 * it is one aggregate on one subject, so the expected-sequence check of one append guards every rule that spans
 * them, above all "an organisation always keeps an owner".
 *
 * <p>Who may do what: owners everything; admins manage members, invitations and API keys but never touch an owner
 * (nor make one); members only read. A caller who is not a member (or an API key of another organisation) is told
 * the organisation does not exist. An empty list of events means "already so": a repeated command changes nothing.
 */
public final class Organization {

    private Organization() {
    }

    public sealed interface State permits NoOrganization, Existing {
    }

    public record NoOrganization() implements State {
    }

    public enum InvitationStatus { OPEN, ACCEPTED, REVOKED }

    public record Invitation(UUID invitationId, OrganizationRole role, Instant expiresAt, String tokenSha256,
            InvitationStatus status) {
    }

    public record ApiKey(UUID apiKeyId, OrganizationRole role, boolean revoked) {
    }

    /**
     * @param members members and roles in the order they joined (the longest-standing first)
     */
    public record Existing(UUID organizationId, String name, boolean personal, UUID creatorUserId, boolean closed,
            Map<UUID, OrganizationRole> members, Map<UUID, Invitation> invitations, Map<UUID, ApiKey> apiKeys)
            implements State {

        public Existing {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
            invitations = Collections.unmodifiableMap(new LinkedHashMap<>(invitations));
            apiKeys = Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
        }

        long owners() {
            return members.values().stream().filter(role -> role == OrganizationRole.OWNER).count();
        }

        /** Invitations that can still be accepted at {@code now}: each holds a seat. */
        int openInvitations(Instant now) {
            return (int) invitations.values().stream()
                    .filter(i -> i.status() == InvitationStatus.OPEN && now.isBefore(i.expiresAt())).count();
        }

        Optional<Invitation> invitationWithToken(String tokenSha256) {
            return invitations.values().stream().filter(i -> i.tokenSha256().equals(tokenSha256)).findFirst();
        }

        private Existing withMembers(Consumer<Map<UUID, OrganizationRole>> change) {
            Map<UUID, OrganizationRole> copy = new LinkedHashMap<>(members);
            change.accept(copy);
            return new Existing(organizationId, name, personal, creatorUserId, closed, copy, invitations, apiKeys);
        }

        private Existing withInvitation(Invitation invitation) {
            Map<UUID, Invitation> copy = new LinkedHashMap<>(invitations);
            copy.put(invitation.invitationId(), invitation);
            return new Existing(organizationId, name, personal, creatorUserId, closed, members, copy, apiKeys);
        }

        private Existing withApiKey(ApiKey key) {
            Map<UUID, ApiKey> copy = new LinkedHashMap<>(apiKeys);
            copy.put(key.apiKeyId(), key);
            return new Existing(organizationId, name, personal, creatorUserId, closed, members, invitations, copy);
        }
    }

    public static State initial() {
        return new NoOrganization();
    }

    /** The state after these events, from the initial state. */
    public static State replay(List<OrganizationEvent> events) {
        State state = initial();
        for (OrganizationEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    public static List<OrganizationEvent> decide(State state, OrganizationCommand command) {
        return switch (command) {
            case CreatePersonalOrganization c -> create(state, c.organizationId(), PersonalOrganization.NAME,
                    c.ownerUserId(), true);
            case CreateOrganization c -> create(state, c.organizationId(), c.name(), c.ownerUserId(), false);
            case InviteMember c -> invite(open(state), c);
            case RevokeInvitation c -> revokeInvitation(open(state), c);
            case AcceptInvitation c -> accept(open(state), c);
            case ChangeMemberRole c -> changeRole(open(state), c);
            case RemoveMember c -> remove(open(state), c);
            case LeaveOnErasure c -> state instanceof Existing org && !org.closed() ? leaveOnErasure(org, c)
                    : List.of();
            case CreateApiKey c -> createApiKey(open(state), c);
            case RevokeApiKey c -> revokeApiKey(open(state), c);
        };
    }

    private static List<OrganizationEvent> create(State state, UUID organizationId, String name, UUID owner,
            boolean personal) {
        return switch (state) {
            case NoOrganization none -> List.of(new OrganizationCreated(organizationId, name, owner, personal));
            // The same command again (a retry): already done. Anything else reusing the id is refused.
            case Existing existing when existing.creatorUserId().equals(owner) && existing.personal() == personal
                    && existing.name().equals(name) -> List.of();
            case Existing existing -> throw new RuleViolationException(
                    "organisation " + existing.organizationId() + " already exists");
        };
    }

    private static List<OrganizationEvent> invite(Existing org, InviteMember c) {
        OrganizationRole actorRole = roleOf(org, c.actor());
        require(actorRole, OrganizationRole.ADMIN, "invite members");
        if (c.role() == OrganizationRole.OWNER && actorRole != OrganizationRole.OWNER) {
            throw forbidden("only an owner may invite an owner");
        }
        if (org.invitations().containsKey(c.invitationId())) {
            throw conflict("this command issued invitation " + c.invitationId()
                    + " already; its link was shown once (revoke it and invite again if it is lost)");
        }
        // An open invitation holds a seat: otherwise ten links could go out for the last seat, and nine fail later.
        if (c.seatLimit().isReachedBy(org.members().size() + org.openInvitations(c.now()))) {
            throw conflict(c.seatLimit().describe() + ", all taken or invited: upgrade the plan or remove a member");
        }
        return List.of(new MemberInvited(org.organizationId(), c.invitationId(), c.email(), c.role(),
                c.actor().userIdOrNull(), c.expiresAt(), c.tokenSha256()));
    }

    private static List<OrganizationEvent> revokeInvitation(Existing org, RevokeInvitation c) {
        OrganizationRole actorRole = roleOf(org, c.actor());
        require(actorRole, OrganizationRole.ADMIN, "revoke invitations");
        Invitation invitation = org.invitations().get(c.invitationId());
        if (invitation == null) {
            throw notFound("no invitation " + c.invitationId() + " in this organisation");
        }
        if (invitation.role() == OrganizationRole.OWNER && actorRole != OrganizationRole.OWNER) {
            throw forbidden("only an owner may revoke an invitation to become owner");
        }
        return switch (invitation.status()) {
            case ACCEPTED -> throw conflict("the invitation was accepted already");
            case REVOKED -> List.of();
            case OPEN -> List.of(new InvitationRevoked(org.organizationId(), c.invitationId(),
                    c.actor().userIdOrNull()));
        };
    }

    private static List<OrganizationEvent> accept(Existing org, AcceptInvitation c) {
        Invitation invitation = org.invitationWithToken(c.tokenSha256())
                .orElseThrow(() -> notFound("no such invitation"));
        switch (invitation.status()) {
            case REVOKED -> throw gone("the invitation was revoked");
            case ACCEPTED -> throw conflict("the invitation was accepted already");
            case OPEN -> {
            }
        }
        if (!c.now().isBefore(invitation.expiresAt())) {
            throw gone("the invitation expired at " + invitation.expiresAt());
        }
        if (org.members().containsKey(c.userId())) {
            throw conflict("you are a member of this organisation already");
        }
        // The invitation stays open: it can be accepted once the plan has room again.
        if (c.seatLimit().isReachedBy(org.members().size())) {
            throw conflict(c.seatLimit().describe() + ", all taken: ask an owner or admin of the organisation to "
                    + "upgrade the plan or remove a member, then accept again");
        }
        return List.of(new MemberJoined(org.organizationId(), c.userId(), invitation.role(),
                invitation.invitationId()));
    }

    private static List<OrganizationEvent> changeRole(Existing org, ChangeMemberRole c) {
        OrganizationRole actorRole = roleOf(org, c.actor());
        require(actorRole, OrganizationRole.ADMIN, "change roles");
        OrganizationRole current = org.members().get(c.userId());
        if (current == null) {
            throw notFound("no member " + c.userId() + " in this organisation");
        }
        if (actorRole != OrganizationRole.OWNER
                && (current == OrganizationRole.OWNER || c.role() == OrganizationRole.OWNER)) {
            throw forbidden("only an owner may change an owner's role or make an owner");
        }
        if (current == c.role()) {
            return List.of();
        }
        if (current == OrganizationRole.OWNER && org.owners() == 1) {
            throw conflict("the organisation would have no owner left; make someone else owner first");
        }
        return List.of(new MemberRoleChanged(org.organizationId(), c.userId(), c.role(), current,
                c.actor().userIdOrNull()));
    }

    private static List<OrganizationEvent> remove(Existing org, RemoveMember c) {
        boolean leaving = c.actor() instanceof OrganizationActor.User user && user.userId().equals(c.userId());
        OrganizationRole actorRole = roleOf(org, c.actor());
        if (!leaving) {
            require(actorRole, OrganizationRole.ADMIN, "remove members");
        }
        OrganizationRole current = org.members().get(c.userId());
        if (current == null) {
            throw notFound("no member " + c.userId() + " in this organisation");
        }
        if (!leaving && current == OrganizationRole.OWNER && actorRole != OrganizationRole.OWNER) {
            throw forbidden("only an owner may remove an owner");
        }
        if (current == OrganizationRole.OWNER && org.owners() == 1) {
            throw conflict("the last owner cannot " + (leaving ? "leave" : "be removed")
                    + "; make someone else owner first");
        }
        return List.of(new MemberRemoved(org.organizationId(), c.userId(), c.actor().userIdOrNull(),
                leaving ? MemberRemoved.LEFT : MemberRemoved.REMOVED));
    }

    /**
     * The erased user leaves. When they were the only owner, the longest-standing admin (else member) becomes owner
     * first, in the same commit; when nobody else is left, the organisation closes.
     */
    private static List<OrganizationEvent> leaveOnErasure(Existing org, LeaveOnErasure c) {
        OrganizationRole role = org.members().get(c.userId());
        if (role == null) {
            return List.of();
        }
        List<Map.Entry<UUID, OrganizationRole>> others = org.members().entrySet().stream()
                .filter(member -> !member.getKey().equals(c.userId())).toList();
        if (others.isEmpty()) {
            return List.of(new OrganizationClosed(org.organizationId(), OrganizationClosed.OWNER_ERASED));
        }
        MemberRemoved removed = new MemberRemoved(org.organizationId(), c.userId(), null, MemberRemoved.ERASED);
        if (role != OrganizationRole.OWNER || org.owners() > 1) {
            return List.of(removed);
        }
        Map.Entry<UUID, OrganizationRole> successor = others.stream()
                .filter(member -> member.getValue() == OrganizationRole.ADMIN).findFirst()
                .orElse(others.getFirst());
        return List.of(new MemberRoleChanged(org.organizationId(), successor.getKey(), OrganizationRole.OWNER,
                successor.getValue(), null), removed);
    }

    private static List<OrganizationEvent> createApiKey(Existing org, CreateApiKey c) {
        OrganizationRole actorRole = roleOf(org, c.actor());
        require(actorRole, OrganizationRole.ADMIN, "create API keys");
        if (!actorRole.atLeast(c.role())) {
            throw forbidden("an API key's role cannot be above yours (" + actorRole.wireName() + ")");
        }
        if (org.apiKeys().containsKey(c.apiKeyId())) {
            throw conflict("this command created API key " + c.apiKeyId()
                    + " already; its secret was shown once (revoke it and create another if it is lost)");
        }
        return List.of(new ApiKeyCreated(org.organizationId(), c.apiKeyId(), c.name(), c.role(), c.secretSha256(),
                c.prefix(), c.actor().userIdOrNull()));
    }

    private static List<OrganizationEvent> revokeApiKey(Existing org, RevokeApiKey c) {
        OrganizationRole actorRole = roleOf(org, c.actor());
        require(actorRole, OrganizationRole.ADMIN, "revoke API keys");
        ApiKey key = org.apiKeys().get(c.apiKeyId());
        if (key == null) {
            throw notFound("no API key " + c.apiKeyId() + " in this organisation");
        }
        if (key.role() == OrganizationRole.OWNER && actorRole != OrganizationRole.OWNER) {
            throw forbidden("only an owner may revoke an owner's API key");
        }
        return key.revoked() ? List.of()
                : List.of(new ApiKeyRevoked(org.organizationId(), c.apiKeyId(), c.actor().userIdOrNull()));
    }

    /** The organisation as far as a command may touch it: it exists and is not closed. */
    private static Existing open(State state) {
        if (state instanceof Existing org && !org.closed()) {
            return org;
        }
        throw notFound("no such organisation");
    }

    /** The actor's role here; "not found" for a stranger, so that nobody learns the organisation exists. */
    public static OrganizationRole roleOf(Existing org, OrganizationActor actor) {
        return switch (actor) {
            case OrganizationActor.User user -> Optional.ofNullable(org.members().get(user.userId()))
                    .orElseThrow(() -> notFound("no such organisation"));
            case OrganizationActor.ApiKey apiKey -> Optional.ofNullable(org.apiKeys().get(apiKey.apiKeyId()))
                    .filter(key -> !key.revoked()).map(ApiKey::role)
                    .orElseThrow(() -> notFound("no such organisation"));
            case OrganizationActor.Policy policy -> OrganizationRole.OWNER;
        };
    }

    private static void require(OrganizationRole have, OrganizationRole need, String what) {
        if (!have.atLeast(need)) {
            throw forbidden("only " + (need == OrganizationRole.OWNER ? "owners" : "owners and admins") + " may "
                    + what);
        }
    }

    public static State evolve(State state, OrganizationEvent event) {
        if (event instanceof OrganizationCreated created) {
            return new Existing(created.organizationId(), created.name(), created.personal(),
                    created.ownerUserId(), false, Map.of(created.ownerUserId(), OrganizationRole.OWNER), Map.of(),
                    Map.of());
        }
        if (!(state instanceof Existing org)) {
            return state; // an event before its organisation: cannot happen in one subject's order
        }
        return switch (event) {
            case OrganizationCreated created -> org;
            case MemberInvited e -> org.withInvitation(new Invitation(e.invitationId(), e.role(), e.expiresAt(),
                    e.tokenSha256(), InvitationStatus.OPEN));
            case InvitationRevoked e -> Optional.ofNullable(org.invitations().get(e.invitationId()))
                    .map(i -> org.withInvitation(new Invitation(i.invitationId(), i.role(), i.expiresAt(),
                            i.tokenSha256(), InvitationStatus.REVOKED)))
                    .orElse(org);
            case MemberJoined e -> {
                Existing joined = org.withMembers(members -> members.put(e.userId(), e.role()));
                Invitation i = joined.invitations().get(e.invitationId());
                yield i == null ? joined : joined.withInvitation(new Invitation(i.invitationId(), i.role(),
                        i.expiresAt(), i.tokenSha256(), InvitationStatus.ACCEPTED));
            }
            case MemberRoleChanged e -> org.withMembers(members -> members.replace(e.userId(), e.role()));
            case MemberRemoved e -> org.withMembers(members -> members.remove(e.userId()));
            case OrganizationClosed e -> new Existing(org.organizationId(), org.name(), org.personal(),
                    org.creatorUserId(), true, Map.of(), Map.of(), Map.of());
            case ApiKeyCreated e -> org.withApiKey(new ApiKey(e.apiKeyId(), e.role(), false));
            case ApiKeyRevoked e -> Optional.ofNullable(org.apiKeys().get(e.apiKeyId()))
                    .map(k -> org.withApiKey(new ApiKey(k.apiKeyId(), k.role(), true)))
                    .orElse(org);
        };
    }
}
