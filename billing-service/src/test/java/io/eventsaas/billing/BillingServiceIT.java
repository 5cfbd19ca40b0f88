package io.eventsaas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.Plan;
import io.eventsaas.contracts.billing.PlanCatalogue;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.ServiceInstance;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.service.Discovery;
import io.nats.service.PingResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("billing-service against the real servers")
class BillingServiceIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private String namespace;
    private String database;
    private ServiceInstance service;
    private NatsConnector client;

    @BeforeEach
    void start() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("billing");
        service = ServiceInstance.startWithoutWaiting(BillingServiceApplication.class, namespace, database);
        client = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofHours(1)), "billing-service-test");
        client.awaitConnection(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        client.close();
        TestInfrastructure.deleteNamespace(namespace);
        TestInfrastructure.dropDatabase(database);
    }

    @Test
    @DisplayName("warms up to ready, is discoverable as 'billing' and answers list-plans with the three plans")
    void readyDiscoverableAndListsPlans() {
        await().atMost(Duration.ofSeconds(60)).until(() -> readinessStatus() == 200);
        String instanceId = service.bean(RpcServer.class).instanceId();

        // $SRV subjects are not namespaced: other billing instances (bin/dev) may answer too; find ours.
        var pings = new Discovery(client.connection(), 2000, 100).ping(Endpoints.BILLING);
        assertThat(pings).extracting(PingResponse::getId).contains(instanceId);
        assertThat(pings).filteredOn(p -> p.getId().equals(instanceId)).singleElement()
                .satisfies(p -> assertThat(p.getVersion()).isEqualTo("0.2.0"));

        PlanCatalogue catalogue = new RpcClient(client).call(Endpoints.LIST_PLANS, ListPlans.getDefaultInstance(),
                PlanCatalogue.parser(), "billing-it");

        assertThat(catalogue.getPlansList()).extracting(Plan::getCode).containsExactly("free", "pro", "team");
        Plan free = catalogue.getPlans(0);
        Plan pro = catalogue.getPlans(1);
        Plan team = catalogue.getPlans(2);
        assertThat(free.getIncludedSeats()).isEqualTo(3);
        assertThat(free.getMonthlyPrice()).isEqualTo(usd(0));
        assertThat(pro.getMonthlyPrice()).isEqualTo(usd(1900));
        assertThat(pro.getMonthlyPricePerSeat()).isEqualTo(usd(0));
        assertThat(team.getMonthlyPrice()).isEqualTo(usd(0));
        assertThat(team.getMonthlyPricePerSeat()).isEqualTo(usd(900));
    }

    private static Money usd(long minorUnits) {
        return Money.newBuilder().setMinorUnits(minorUnits).setCurrency("USD").build();
    }

    private int readinessStatus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
