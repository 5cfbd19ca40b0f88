package io.eventsaas.billing;

import static io.eventsaas.billing.BillingTestClient.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.billing.InvoiceList;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Law 1: billing-service's database is a disposable projection of the stream. */
@DisplayName("rebuilding billing's read model from the stream")
class RebuildFromStreamIT {

    private static String namespace;
    private static String database;
    private static BillingTestClient client;

    @BeforeAll
    static void setUp() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("billing_rebuild");
        client = new BillingTestClient(namespace);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        client.close();
        TestInfrastructure.dropDatabase(database);
        TestInfrastructure.deleteNamespace(namespace);
    }

    @Test
    @DisplayName("given subscriptions, seats and invoices, when the database is dropped and the instance restarts, "
            + "then the same subscriptions, seats and invoices")
    void dropDatabaseAndRestart() throws Exception {
        List<String[]> orgs = new ArrayList<>();
        List<SubscriptionDetails> subscriptions = new ArrayList<>();
        List<InvoiceList> invoices = new ArrayList<>();
        try (BillingServiceInstance instance = BillingServiceInstance.start(namespace, database)) {
            for (int i = 0; i < 4; i++) {
                String owner = UUID.randomUUID().toString();
                String org = client.createOrganization(owner);
                client.join(org, UUID.randomUUID().toString(), "member");
                if (i > 0) {
                    client.attachCard(org, user(owner), i == 3 ? "4000000000000002" : "4242424242424242", 12, 2099);
                    client.changePlan(org, user(owner), i == 1 ? "pro" : "team");
                }
                orgs.add(new String[] {org, owner});
            }
            client.run(Instant.now().plus(Duration.ofDays(32)));
            for (String[] org : orgs) {
                subscriptions.add(client.subscription(org[0], user(org[1])));
                invoices.add(client.invoices(org[0], user(org[1])));
            }
        }
        assertThat(invoices.stream().mapToInt(InvoiceList::getInvoicesCount).sum()).isGreaterThanOrEqualTo(5);

        TestInfrastructure.recreateEmptyDatabase(database);

        try (BillingServiceInstance rebuilt = BillingServiceInstance.start(namespace, database)) {
            for (int i = 0; i < orgs.size(); i++) {
                String[] org = orgs.get(i);
                assertThat(client.subscription(org[0], user(org[1]))).isEqualTo(subscriptions.get(i));
                assertThat(client.invoices(org[0], user(org[1]))).isEqualTo(invoices.get(i));
            }
        }
    }
}
