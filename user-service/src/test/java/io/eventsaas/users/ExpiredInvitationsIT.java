package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.InvitationView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An invitation that simply expires loses its invitee's address as an accepted or revoked one does: the sweep on
 * each instance destroys the invitation's key and forgets the address in that instance's read model.
 */
@DisplayName("expired invitations")
class ExpiredInvitationsIT {

    private static final Duration LIFETIME = Duration.ofMillis(2500);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);

    private static String namespace;
    private static final List<String> databases = new ArrayList<>();
    private static final List<UserServiceInstance> instances = new ArrayList<>();
    private static UsersClient users;
    private static OrganizationsClient orgs;
    private static NatsConnector outsider;

    @BeforeAll
    static void start() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        for (String name : List.of("users_expiry_a", "users_expiry_b")) {
            String database = TestInfrastructure.newDatabase(name);
            databases.add(database);
            instances.add(UserServiceInstance.start(namespace, database,
                    "users.organizations.invitation-lifetime=" + LIFETIME.toMillis() + "ms",
                    "users.invitations.address-sweep-interval=" + SWEEP_INTERVAL.toMillis() + "ms"));
        }
        users = new UsersClient(namespace);
        orgs = new OrganizationsClient(namespace);
        // A reader of the key bucket that never cached a key (as a new projection-service instance would be).
        outsider = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofHours(1)), "expiry-test-reader");
        outsider.awaitConnection(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (orgs != null) {
            orgs.close();
        }
        if (users != null) {
            users.close();
        }
        if (outsider != null) {
            outsider.close();
        }
        instances.forEach(UserServiceInstance::close);
        databases.forEach(TestInfrastructure::dropDatabase);
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static boolean keyExistsFor(String invitationId, PersonalDataVault vault) {
        return vault.hasKey("invitation-" + invitationId);
    }

    private static PersonalDataVault freshVault() {
        PersonalDataVault vault = new PersonalDataVault(outsider, Clock.systemUTC());
        vault.open();
        return vault;
    }

    private static InvitationView rowOn(UserServiceInstance instance, String invitationId) {
        return instance.bean(OrganizationsReadModel.class).invitation(UUID.fromString(invitationId)).orElseThrow();
    }

    @Test
    @DisplayName("given an open invitation, when it expires, then within a few sweeps its key is destroyed, no "
            + "instance's read model or vault knows the address, and it still shows as expired, without an address")
    void expiryShredsTheAddress() throws Exception {
        String ownerEmail = "owner." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Caller owner = user(users.register(ownerEmail, "Owner").getUserId());
        String org = orgs.create(owner, "Expiring Team").getOrganizationId();
        String invitee = "invitee." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        InvitationIssued issued = orgs.invite(owner, org, invitee, "member");
        long issuedAt = System.nanoTime();

        assertThat(orgs.invitation(issued.getToken()).getEmail()).isEqualTo(invitee);
        assertThat(orgs.invitation(issued.getToken()).getStatus()).isEqualTo("open");
        for (UserServiceInstance instance : instances) {
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(rowOn(instance, issued.getInvitationId()).email()).isEqualTo(invitee));
            assertThat(keyExistsFor(issued.getInvitationId(), instance.bean(PersonalDataVault.class)))
                    .as("cached by the instance that reads it").isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - issuedAt)).as("the checks above ran before the expiry")
                .isLessThan(LIFETIME);

        await().atMost(LIFETIME.plus(Duration.ofSeconds(5))).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    for (UserServiceInstance instance : instances) {
                        assertThat(rowOn(instance, issued.getInvitationId()).email()).as("the read model's row")
                                .isEmpty();
                    }
                });
        assertThat(keyExistsFor(issued.getInvitationId(), freshVault())).as("the key, asked anew").isFalse();
        for (UserServiceInstance instance : instances) {
            assertThat(keyExistsFor(issued.getInvitationId(), instance.bean(PersonalDataVault.class)))
                    .as("the key, in each instance's vault").isFalse();
            InvitationView row = rowOn(instance, issued.getInvitationId());
            assertThat(row.status()).as("expiry is a rule of time, not a change of status").isEqualTo("open");
            assertThat(row.role()).isEqualTo("member");
        }
        var shown = orgs.invitation(issued.getToken());
        assertThat(shown.getStatus()).isEqualTo("expired");
        assertThat(shown.getEmail()).isEmpty();
        assertThat(shown.getOrganizationName()).isEqualTo("Expiring Team");
    }

    @Test
    @DisplayName("given an open invitation that has not expired, then the sweeps leave its key and address alone")
    void openInvitationKeepsItsAddress() throws Exception {
        Caller owner = user(users.register("keeper." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org", "Keeper").getUserId());
        String org = orgs.create(owner, "Keeping Team").getOrganizationId();
        String invitee = "kept." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        InvitationIssued issued = orgs.invite(owner, org, invitee, "admin");
        long issuedAt = System.nanoTime();

        Thread.sleep(SWEEP_INTERVAL.multipliedBy(3).toMillis()); // several sweeps on each instance

        assertThat(Duration.ofNanos(System.nanoTime() - issuedAt)).isLessThan(LIFETIME);
        assertThat(keyExistsFor(issued.getInvitationId(), freshVault())).isTrue();
        assertThat(orgs.invitation(issued.getToken()).getEmail()).isEqualTo(invitee);
        for (UserServiceInstance instance : instances) {
            assertThat(rowOn(instance, issued.getInvitationId()).email()).isEqualTo(invitee);
        }
    }
}
