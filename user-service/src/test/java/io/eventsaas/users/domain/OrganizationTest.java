package io.eventsaas.users.domain;

import static io.eventsaas.users.domain.OrganizationRole.ADMIN;
import static io.eventsaas.users.domain.OrganizationRole.MEMBER;
import static io.eventsaas.users.domain.OrganizationRole.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.eventsaas.users.domain.OrganizationRefusal.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Organization")
class OrganizationTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID OWNER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID MEMBER_ID = UUID.fromString("00000000-0000-0000-0000-000000000003");
    private static final UUID STRANGER = UUID.fromString("00000000-0000-0000-0000-000000000009");
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final OrganizationActor OWNER_ACTOR = new OrganizationActor.User(OWNER_ID);
    private static final OrganizationActor ADMIN_ACTOR = new OrganizationActor.User(ADMIN_ID);
    private static final OrganizationActor MEMBER_ACTOR = new OrganizationActor.User(MEMBER_ID);

    /** Events so far, and the state they make. */
    private static final class Given {
        final List<OrganizationEvent> events = new ArrayList<>();

        Given with(OrganizationEvent... more) {
            events.addAll(List.of(more));
            return this;
        }

        Organization.State state() {
            return Organization.replay(events);
        }

        List<OrganizationEvent> when(OrganizationCommand command) {
            return Organization.decide(state(), command);
        }

        void refused(OrganizationCommand command, Reason reason) {
            assertRefused(() -> when(command), reason);
        }
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OrganizationRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(reason));
    }

    private static Given created() {
        return new Given().with(new OrganizationCreated(ORG, "Acme", OWNER_ID, false));
    }

    /** Owner, an admin and a member, joined in that order. */
    private static Given team() {
        return created().with(
                new MemberJoined(ORG, ADMIN_ID, ADMIN, UUID.randomUUID()),
                new MemberJoined(ORG, MEMBER_ID, MEMBER, UUID.randomUUID()));
    }

    private static MemberInvited invitation(UUID id, OrganizationRole role, String tokenHash) {
        return new MemberInvited(ORG, id, "bob@example.org", role, OWNER_ID, NOW.plusSeconds(3600), tokenHash);
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("given none, when a user creates one, then it is created with them as its owner")
        void creates() {
            assertThat(new Given().when(new CreateOrganization(ORG, "Acme", OWNER_ID)))
                    .containsExactly(new OrganizationCreated(ORG, "Acme", OWNER_ID, false));
            assertThat(created().state()).isInstanceOfSatisfying(Organization.Existing.class,
                    org -> assertThat(org.members()).containsExactly(java.util.Map.entry(OWNER_ID, OWNER)));
        }

        @Test
        @DisplayName("given it exists, when the same command comes again, then nothing happens; another creator is refused")
        void idempotent() {
            assertThat(created().when(new CreateOrganization(ORG, "Acme", OWNER_ID))).isEmpty();
            assertThatThrownBy(() -> created().when(new CreateOrganization(ORG, "Acme", STRANGER)))
                    .isInstanceOf(RuleViolationException.class);
        }

        @Test
        @DisplayName("given none, when the personal organisation is created, then it is named Personal, not after its owner")
        void personal() {
            assertThat(new Given().when(new CreatePersonalOrganization(ORG, OWNER_ID)))
                    .containsExactly(new OrganizationCreated(ORG, "Personal", OWNER_ID, true));
        }
    }

    @Nested
    @DisplayName("invitations")
    class Invitations {

        private final UUID invitationId = UUID.randomUUID();

        private InviteMember inviteAs(OrganizationActor actor, OrganizationRole role) {
            return new InviteMember(actor, invitationId, "b@x.org", role, "h", NOW, NOW, SeatLimit.NONE);
        }

        @Test
        @DisplayName("given an admin, when they invite a member, then MemberInvited with the token's hash and expiry")
        void adminInvites() {
            var events = team().when(new InviteMember(ADMIN_ACTOR, invitationId, "bob@example.org", MEMBER, "h1",
                    NOW.plusSeconds(3600), NOW, SeatLimit.NONE));
            assertThat(events).containsExactly(new MemberInvited(ORG, invitationId, "bob@example.org", MEMBER,
                    ADMIN_ID, NOW.plusSeconds(3600), "h1"));
        }

        @Test
        @DisplayName("given a member, a stranger, an admin inviting an owner, then 403, 404, 403")
        void whoMayInvite() {
            team().refused(inviteAs(MEMBER_ACTOR, MEMBER), Reason.FORBIDDEN);
            team().refused(inviteAs(new OrganizationActor.User(STRANGER), MEMBER), Reason.NOT_FOUND);
            team().refused(inviteAs(ADMIN_ACTOR, OWNER), Reason.FORBIDDEN);
            assertThat(team().when(inviteAs(OWNER_ACTOR, OWNER))).hasSize(1);
        }

        @Test
        @DisplayName("given an open invitation, when accepted before it expires, then the user joins with its role")
        void accept() {
            Given given = team().with(invitation(invitationId, ADMIN, "tok"));
            assertThat(given.when(new AcceptInvitation(STRANGER, "tok", NOW, SeatLimit.NONE)))
                    .containsExactly(new MemberJoined(ORG, STRANGER, ADMIN, invitationId));
        }

        @Test
        @DisplayName("given an invitation, when accepted after expiry (410), after revocation (410), a second time (409), "
                + "by a member (409), with an unknown token (404), then refused")
        void acceptRefusals() {
            Given open = team().with(invitation(invitationId, MEMBER, "tok"));
            open.refused(new AcceptInvitation(STRANGER, "tok", NOW.plusSeconds(3600), SeatLimit.NONE), Reason.GONE);
            open.refused(new AcceptInvitation(MEMBER_ID, "tok", NOW, SeatLimit.NONE), Reason.CONFLICT);
            open.refused(new AcceptInvitation(STRANGER, "other", NOW, SeatLimit.NONE), Reason.NOT_FOUND);
            team().with(invitation(invitationId, MEMBER, "tok"), new InvitationRevoked(ORG, invitationId, OWNER_ID))
                    .refused(new AcceptInvitation(STRANGER, "tok", NOW, SeatLimit.NONE), Reason.GONE);
            team().with(invitation(invitationId, MEMBER, "tok"), new MemberJoined(ORG, STRANGER, MEMBER, invitationId))
                    .refused(new AcceptInvitation(UUID.randomUUID(), "tok", NOW, SeatLimit.NONE), Reason.CONFLICT);
        }

        @Test
        @DisplayName("given an open invitation, when revoked, then InvitationRevoked; again: nothing; accepted: 409")
        void revoke() {
            Given open = team().with(invitation(invitationId, MEMBER, "tok"));
            assertThat(open.when(new RevokeInvitation(ADMIN_ACTOR, invitationId)))
                    .containsExactly(new InvitationRevoked(ORG, invitationId, ADMIN_ID));
            assertThat(open.with(new InvitationRevoked(ORG, invitationId, ADMIN_ID))
                    .when(new RevokeInvitation(ADMIN_ACTOR, invitationId))).isEmpty();
            team().with(invitation(invitationId, MEMBER, "tok"), new MemberJoined(ORG, STRANGER, MEMBER, invitationId))
                    .refused(new RevokeInvitation(OWNER_ACTOR, invitationId), Reason.CONFLICT);
            team().refused(new RevokeInvitation(OWNER_ACTOR, UUID.randomUUID()), Reason.NOT_FOUND);
            team().with(invitation(invitationId, OWNER, "tok"))
                    .refused(new RevokeInvitation(ADMIN_ACTOR, invitationId), Reason.FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("roles and removal")
    class Roles {

        @Test
        @DisplayName("given the only owner, when demoted, removed or leaving, then 409 (never without an owner)")
        void lastOwnerStays() {
            team().refused(new ChangeMemberRole(OWNER_ACTOR, OWNER_ID, ADMIN), Reason.CONFLICT);
            team().refused(new RemoveMember(OWNER_ACTOR, OWNER_ID), Reason.CONFLICT);
        }

        @Test
        @DisplayName("given two owners, when one leaves, then MemberRemoved 'left'")
        void secondOwnerMayLeave() {
            Given twoOwners = team().with(new MemberRoleChanged(ORG, ADMIN_ID, OWNER, ADMIN, OWNER_ID));
            assertThat(twoOwners.when(new RemoveMember(OWNER_ACTOR, OWNER_ID)))
                    .containsExactly(new MemberRemoved(ORG, OWNER_ID, OWNER_ID, MemberRemoved.LEFT));
        }

        @Test
        @DisplayName("given an admin, when they touch an owner or make one, then 403; members and admins they may change")
        void adminsCannotTouchOwners() {
            team().refused(new ChangeMemberRole(ADMIN_ACTOR, OWNER_ID, MEMBER), Reason.FORBIDDEN);
            team().refused(new ChangeMemberRole(ADMIN_ACTOR, MEMBER_ID, OWNER), Reason.FORBIDDEN);
            team().refused(new RemoveMember(ADMIN_ACTOR, OWNER_ID), Reason.FORBIDDEN);
            assertThat(team().when(new ChangeMemberRole(ADMIN_ACTOR, MEMBER_ID, ADMIN)))
                    .containsExactly(new MemberRoleChanged(ORG, MEMBER_ID, ADMIN, MEMBER, ADMIN_ID));
            assertThat(team().when(new RemoveMember(ADMIN_ACTOR, MEMBER_ID)))
                    .containsExactly(new MemberRemoved(ORG, MEMBER_ID, ADMIN_ID, MemberRemoved.REMOVED));
        }

        @Test
        @DisplayName("given a member, when they change a role or remove someone, then 403; when they leave, then removed")
        void membersRead() {
            team().refused(new ChangeMemberRole(MEMBER_ACTOR, ADMIN_ID, MEMBER), Reason.FORBIDDEN);
            team().refused(new RemoveMember(MEMBER_ACTOR, ADMIN_ID), Reason.FORBIDDEN);
            assertThat(team().when(new RemoveMember(MEMBER_ACTOR, MEMBER_ID)))
                    .containsExactly(new MemberRemoved(ORG, MEMBER_ID, MEMBER_ID, MemberRemoved.LEFT));
        }

        @Test
        @DisplayName("given the same role, then nothing; an unknown member: 404; a closed organisation: 404")
        void edges() {
            assertThat(team().when(new ChangeMemberRole(OWNER_ACTOR, MEMBER_ID, MEMBER))).isEmpty();
            team().refused(new ChangeMemberRole(OWNER_ACTOR, STRANGER, ADMIN), Reason.NOT_FOUND);
            created().with(new OrganizationClosed(ORG, OrganizationClosed.OWNER_ERASED))
                    .refused(new ChangeMemberRole(OWNER_ACTOR, OWNER_ID, ADMIN), Reason.NOT_FOUND);
        }
    }

    @Nested
    @DisplayName("API keys")
    class ApiKeys {

        private final UUID keyId = UUID.randomUUID();

        @Test
        @DisplayName("given an admin, when they create a key up to their role, then ApiKeyCreated with only the hash")
        void create() {
            assertThat(team().when(new CreateApiKey(ADMIN_ACTOR, keyId, "ci", ADMIN, "sha", "esk_abcdefgh")))
                    .containsExactly(new ApiKeyCreated(ORG, keyId, "ci", ADMIN, "sha", "esk_abcdefgh", ADMIN_ID));
            team().refused(new CreateApiKey(ADMIN_ACTOR, keyId, "ci", OWNER, "sha", "p"), Reason.FORBIDDEN);
            team().refused(new CreateApiKey(MEMBER_ACTOR, keyId, "ci", MEMBER, "sha", "p"), Reason.FORBIDDEN);
        }

        @Test
        @DisplayName("given an admin key, when it creates an owner key (403), acts after revocation (404), or acts as "
                + "a key of another organisation (404), then refused")
        void keysActWithinTheirRole() {
            Given withKey = team().with(new ApiKeyCreated(ORG, keyId, "ci", ADMIN, "sha", "p", OWNER_ID));
            var key = new OrganizationActor.ApiKey(keyId);
            withKey.refused(new CreateApiKey(key, UUID.randomUUID(), "x", OWNER, "s2", "p"), Reason.FORBIDDEN);
            assertThat(withKey.when(new CreateApiKey(key, UUID.randomUUID(), "x", MEMBER, "s2", "p"))).hasSize(1);
            withKey.refused(new ChangeMemberRole(new OrganizationActor.ApiKey(UUID.randomUUID()), MEMBER_ID, ADMIN),
                    Reason.NOT_FOUND);
            withKey.with(new ApiKeyRevoked(ORG, keyId, OWNER_ID))
                    .refused(new ChangeMemberRole(key, MEMBER_ID, ADMIN), Reason.NOT_FOUND);
        }

        @Test
        @DisplayName("given a key, when revoked, then ApiKeyRevoked; again: nothing; an owner key by an admin: 403")
        void revoke() {
            Given withKey = team().with(new ApiKeyCreated(ORG, keyId, "ci", MEMBER, "sha", "p", OWNER_ID));
            assertThat(withKey.when(new RevokeApiKey(ADMIN_ACTOR, keyId)))
                    .containsExactly(new ApiKeyRevoked(ORG, keyId, ADMIN_ID));
            assertThat(withKey.with(new ApiKeyRevoked(ORG, keyId, ADMIN_ID)).when(new RevokeApiKey(ADMIN_ACTOR, keyId)))
                    .isEmpty();
            team().with(new ApiKeyCreated(ORG, keyId, "ci", OWNER, "sha", "p", OWNER_ID))
                    .refused(new RevokeApiKey(ADMIN_ACTOR, keyId), Reason.FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("an owner's erasure")
    class Erasure {

        @Test
        @DisplayName("given the only owner with an admin and a member, then the admin becomes owner and the owner is removed")
        void adminSucceeds() {
            assertThat(team().when(new LeaveOnErasure(OWNER_ID))).containsExactly(
                    new MemberRoleChanged(ORG, ADMIN_ID, OWNER, ADMIN, null),
                    new MemberRemoved(ORG, OWNER_ID, null, MemberRemoved.ERASED));
        }

        @Test
        @DisplayName("given the only owner with members only, then the longest-standing member becomes owner")
        void longestStandingMemberSucceeds() {
            UUID later = UUID.randomUUID();
            Given members = created().with(new MemberJoined(ORG, MEMBER_ID, MEMBER, null),
                    new MemberJoined(ORG, later, MEMBER, null));
            assertThat(members.when(new LeaveOnErasure(OWNER_ID)).getFirst())
                    .isEqualTo(new MemberRoleChanged(ORG, MEMBER_ID, OWNER, MEMBER, null));
        }

        @Test
        @DisplayName("given the owner alone, then the organisation closes; given a non-owner, then only removed; "
                + "given not a member (a redelivery), then nothing")
        void closesOrRemoves() {
            assertThat(created().when(new LeaveOnErasure(OWNER_ID)))
                    .containsExactly(new OrganizationClosed(ORG, OrganizationClosed.OWNER_ERASED));
            assertThat(team().when(new LeaveOnErasure(MEMBER_ID)))
                    .containsExactly(new MemberRemoved(ORG, MEMBER_ID, null, MemberRemoved.ERASED));
            Given after = team().with(team().when(new LeaveOnErasure(OWNER_ID)).toArray(OrganizationEvent[]::new));
            assertThat(after.when(new LeaveOnErasure(OWNER_ID))).isEmpty();
            assertThat(new Given().when(new LeaveOnErasure(OWNER_ID))).isEmpty();
        }
    }

    @Nested
    @DisplayName("seat limits (the plan's, from billing's events)")
    class SeatLimits {

        private static final SeatLimit FREE = new SeatLimit("free", 3);

        private InviteMember invite(SeatLimit limit, Instant now) {
            return new InviteMember(OWNER_ACTOR, UUID.randomUUID(), "new@example.org", MEMBER, "h",
                    now.plusSeconds(3600), now, limit);
        }

        @Test
        @DisplayName("given 3 members on Free (3 seats), when inviting, then 409: all taken or invited")
        void inviteRefusedWhenMembersFillThePlan() {
            assertThatThrownBy(() -> team().when(invite(FREE, NOW)))
                    .isInstanceOfSatisfying(OrganizationRefusal.class,
                            refusal -> assertThat(refusal.reason()).isEqualTo(Reason.CONFLICT))
                    .hasMessage("the Free plan has 3 seats, all taken or invited: upgrade the plan or remove a member");
        }

        @Test
        @DisplayName("given 2 members and an open invitation on Free, when inviting, then 409; once the invitation is "
                + "revoked, expired or the plan unlimited, the invitation is issued")
        void openInvitationsHoldSeats() {
            UUID open = UUID.randomUUID();
            Given twoAndInvited = created().with(new MemberJoined(ORG, ADMIN_ID, ADMIN, UUID.randomUUID()),
                    invitation(open, MEMBER, "tok"));

            twoAndInvited.refused(invite(FREE, NOW), Reason.CONFLICT);
            assertThat(twoAndInvited.when(invite(FREE, NOW.plusSeconds(3600)))).as("the invitation expired")
                    .singleElement().isInstanceOf(MemberInvited.class);
            assertThat(twoAndInvited.when(invite(SeatLimit.NONE, NOW))).as("no limit").hasSize(1);
            assertThat(twoAndInvited.when(invite(new SeatLimit("pro", 0), NOW))).as("unlimited plan").hasSize(1);
            assertThat(twoAndInvited.with(new InvitationRevoked(ORG, open, OWNER_ID)).when(invite(FREE, NOW)))
                    .as("the invitation was revoked").hasSize(1);
        }

        @Test
        @DisplayName("given 2 members on Free, when an invitation is accepted, then the member joins (the 3rd seat)")
        void acceptTakesTheLastSeat() {
            UUID invitationId = UUID.randomUUID();
            Given given = created().with(new MemberJoined(ORG, ADMIN_ID, ADMIN, UUID.randomUUID()),
                    invitation(invitationId, MEMBER, "tok"));
            assertThat(given.when(new AcceptInvitation(STRANGER, "tok", NOW, FREE)))
                    .containsExactly(new MemberJoined(ORG, STRANGER, MEMBER, invitationId));
        }

        @Test
        @DisplayName("given 3 members on Free and an invitation issued before the downgrade, when it is accepted, then "
                + "409 and it stays open: accepted after an upgrade")
        void acceptRefusedWhenMembersFillThePlan() {
            UUID invitationId = UUID.randomUUID();
            Given given = team().with(invitation(invitationId, MEMBER, "tok"));

            assertThatThrownBy(() -> given.when(new AcceptInvitation(STRANGER, "tok", NOW, FREE)))
                    .isInstanceOfSatisfying(OrganizationRefusal.class,
                            refusal -> assertThat(refusal.reason()).isEqualTo(Reason.CONFLICT))
                    .hasMessageStartingWith("the Free plan has 3 seats, all taken: ");
            assertThat(given.state()).isInstanceOfSatisfying(Organization.Existing.class, org -> assertThat(
                    org.invitations().get(invitationId).status()).isEqualTo(Organization.InvitationStatus.OPEN));
            assertThat(given.when(new AcceptInvitation(STRANGER, "tok", NOW, new SeatLimit("team", 0))))
                    .containsExactly(new MemberJoined(ORG, STRANGER, MEMBER, invitationId));
        }

        @Test
        @DisplayName("a limit names its plan, and none is never reached")
        void limitValues() {
            assertThat(FREE.describe()).isEqualTo("the Free plan has 3 seats");
            assertThat(new SeatLimit("solo", 1).describe()).isEqualTo("the Solo plan has 1 seat");
            assertThat(SeatLimit.NONE.isReachedBy(1_000)).isFalse();
            assertThat(FREE.isReachedBy(2)).isFalse();
            assertThat(FREE.isReachedBy(3)).isTrue();
            assertThatThrownBy(() -> new SeatLimit("free", -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
