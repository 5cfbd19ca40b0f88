package io.eventsaas.billing;

import static io.eventsaas.billing.BillingTestClient.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant isolation when billing's copy of the members lags: the check waits for the read model to reach the stream's
 * tail. The lag is made certain, not left to chance: the test holds the lock on the read model's checkpoint, so the
 * instance cannot apply the removal until the test lets go.
 */
@DisplayName("billing's authorisation against a lagging read model")
class StaleMembershipIT {

    /** Long enough for the first test's 1.5 s hold to end inside it; short enough for the second to run past. */
    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(4);

    @RegisterExtension
    static final RunningInstances<BillingServiceInstance> billing = RunningInstances.of("billing_stale", 1,
            (namespace, database) -> BillingServiceInstance.start(namespace, database,
                    "billing.read-model-wait=" + READ_MODEL_WAIT.toMillis() + "ms"));
    private static BillingTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = billing.closeAfterAll(new BillingTestClient(billing.namespace()));
    }

    /** An organisation with an admin that billing's read model shows, and its subscription's version. */
    private record Team(String org, String admin, long subscriptionVersion) {
    }

    private static Team teamWithAnAdmin() {
        String owner = UUID.randomUUID().toString();
        String admin = UUID.randomUUID().toString();
        String org = client.createOrganization(owner);
        client.join(org, admin, "admin");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> client.subscription(org, user(admin)) != null);
        return new Team(org, admin, client.eventStore.versionOf(Streams.SUBSCRIPTION, org));
    }

    /** Holds the read model's checkpoint row, so it cannot apply anything until the transaction ends. */
    private static Connection holdTheReadModel() throws java.sql.SQLException {
        Connection db = DriverManager.getConnection(billing.database(), TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
        db.setAutoCommit(false);
        db.createStatement().execute("SELECT * FROM projection_checkpoint FOR UPDATE");
        return db;
    }

    @Test
    @DisplayName("given an admin removed a moment ago whose removal the instance has not applied yet, when the admin "
            + "attaches a card, then the request waits for the removal and gets 404, and nothing is appended")
    void removedAdminIsRefused() throws Exception {
        Team team = teamWithAnAdmin();
        String org = team.org();
        String admin = team.admin();
        long subscriptionVersion = team.subscriptionVersion();

        CompletableFuture<Object> attempt;
        try (Connection db = holdTheReadModel()) {
            client.remove(org, admin);

            attempt = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.attachCard(org, user(admin), "4242424242424242", 12, 2099);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(1500);
            assertThat(attempt).as("waits for the read model instead of answering from the stale members")
                    .isNotDone();
            db.rollback();
        }

        Object outcome = attempt.get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND));
        assertThat(client.eventStore.versionOf(Streams.SUBSCRIPTION, org)).isEqualTo(subscriptionVersion);
        assertThatThrownBy(() -> client.subscription(org, user(admin))).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND));
    }

    @Test
    @DisplayName("given the read model cannot apply a removal within the wait (stuck, its database away), when the "
            + "removed admin asks, then the check fails closed: 503, retry, and nothing is appended")
    void failsClosedWhenTheReadModelCannotCatchUp() throws Exception {
        Team team = teamWithAnAdmin();
        String org = team.org();
        String admin = team.admin();
        long subscriptionVersion = team.subscriptionVersion();

        Object outcome;
        try (Connection db = holdTheReadModel()) {
            client.remove(org, admin);
            try {
                outcome = client.attachCard(org, user(admin), "4242424242424242", 12, 2099);
            } catch (RuntimeException e) {
                outcome = e;
            } finally {
                db.rollback();
            }
        }

        assertThat(outcome).as("refused, not answered from the members the read model still shows")
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE));
        assertThat(client.eventStore.versionOf(Streams.SUBSCRIPTION, org)).isEqualTo(subscriptionVersion);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(
                () -> client.subscription(org, user(admin))).isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND)));
    }
}
