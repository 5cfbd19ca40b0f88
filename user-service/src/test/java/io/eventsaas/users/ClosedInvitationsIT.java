package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationCommand.LeaveOnErasure;
import io.eventsaas.users.domain.OrganizationCommand.RevokeInvitation;
import io.eventsaas.users.organizations.OrganizationCommands;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A crash between closing an invitation and destroying its invitee's key: the test appends the closing event through
 * the command layer alone (as an instance that died right after the append would have), and the policy on the shared
 * durable consumer destroys the key anyway.
 */
@DisplayName("closed invitations' keys, after a crash")
class ClosedInvitationsIT {

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_closed_invitations", 1,
            UserServiceInstance::start);
    private static UsersClient users;
    private static OrganizationsClient orgs;

    @BeforeAll
    static void connect() throws Exception {
        users = service.closeAfterAll(new UsersClient(service.namespace()));
        orgs = service.closeAfterAll(new OrganizationsClient(service.namespace()));
    }

    private static boolean keyExists(String invitationId) {
        return service.instance().bean(PersonalDataVault.class).hasKey("invitation-" + invitationId);
    }

    @Test
    @DisplayName("given a revocation appended without the key's destruction, then the key is destroyed; given an "
            + "organisation closed with an invitation open, then that key is destroyed too")
    void keysOfClosedInvitationsAreDestroyed() {
        String ownerEmail = "olga." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID ownerId = UUID.fromString(users.register(ownerEmail, "Olga Owner").getUserId());
        Caller owner = user(ownerId.toString());
        String org = orgs.create(owner, "Acme").getOrganizationId();
        String revoked = orgs.invite(owner, org, "ann@example.org", "member").getInvitationId();
        String open = orgs.invite(owner, org, "bob@example.org", "member").getInvitationId();
        assertThat(keyExists(revoked)).isTrue();
        assertThat(keyExists(open)).isTrue();
        OrganizationCommands commands = service.instance().bean(OrganizationCommands.class);

        commands.execute(UUID.fromString(org), new RevokeInvitation(new OrganizationActor.User(ownerId),
                UUID.fromString(revoked)), version -> "crash-revoke:" + revoked + ":" + version, "closed-it");
        await().atMost(Duration.ofSeconds(20)).until(() -> !keyExists(revoked));
        assertThat(keyExists(open)).as("an open invitation keeps its key").isTrue();

        // The owner, alone in Acme, is erased: the organisation closes with Bob's invitation still open.
        commands.execute(UUID.fromString(org), new LeaveOnErasure(ownerId),
                version -> "crash-close:" + org + ":" + version, "closed-it");
        await().atMost(Duration.ofSeconds(20)).until(() -> !keyExists(open));
    }
}
