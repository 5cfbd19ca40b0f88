package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.billing.AttachPaymentMethod;
import io.eventsaas.contracts.billing.ChangePlan;
import io.eventsaas.contracts.billing.GetSubscription;
import io.eventsaas.contracts.billing.StartBillingRun;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The billing API and pages against the real NATS server, with stand-ins for billing-service and user-service's
 * session check: requests are forwarded with the caller, answers come back as the right HTTP status and pages.
 */
@DisplayName("billing API and pages")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingIT {

    private static final String OWNER = "Authorization";
    private final ObjectMapper json = JsonMapper.builder().build();
    private final String namespace = TestInfrastructure.newNamespace();
    private RunningGateway gateway;
    private BillingStub stub;

    @BeforeAll
    void start() throws Exception {
        gateway = RunningGateway.start(namespace);
        stub = BillingStub.start(namespace);
    }

    @BeforeEach
    void forget() {
        stub.received.clear();
        stub.onChangePlan = (request, context) -> BillingStub.subscription("pro");
    }

    @AfterAll
    void stop() throws Exception {
        stub.close();
        gateway.close();
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static String[] bearer(String token) {
        return new String[] {OWNER, "Bearer " + token};
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Test
    @DisplayName("GET /api/v1/plans needs no sign-in and lists the plans with their prices")
    void plans() {
        HttpResponse<String> response = gateway.get("/api/v1/plans");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode plans = body(response).get("plans");
        assertThat(plans.size()).isEqualTo(3);
        assertThat(plans.get(1).get("code").stringValue()).isEqualTo("pro");
        assertThat(plans.get(1).get("monthlyPrice").get("minorUnits").longValue()).isEqualTo(1900);
        assertThat(plans.get(1).get("monthlyPrice").get("text").stringValue()).isEqualTo("19.00 USD");
    }

    @Test
    @DisplayName("the public /pricing page is rendered from the plans")
    void pricingPage() {
        HttpResponse<String> page = gateway.get("/pricing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Pro").contains("19.00 USD").contains("9.00 USD").contains("per seat");
    }

    @Test
    @DisplayName("without a session the subscription is 401 and nothing reaches billing-service")
    void needsSignIn() {
        HttpResponse<String> response = gateway.get("/api/v1/orgs/org-1/subscription");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(stub.of(GetSubscription.class)).isEmpty();
        assertThat(gateway.get("/api/v1/orgs/org-1/subscription", bearer("bogus")).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("GET subscription forwards the caller and answers the plan, seats and card")
    void subscription() {
        HttpResponse<String> response = gateway.get("/api/v1/orgs/org-1/subscription",
                bearer(BillingStub.OWNER_TOKEN));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("plan").get("code").stringValue()).isEqualTo("pro");
        assertThat(body(response).get("seats").intValue()).isEqualTo(3);
        assertThat(body(response).get("paymentMethod").get("last4").stringValue()).isEqualTo("4242");
        assertThat(stub.of(GetSubscription.class)).singleElement().satisfies(r -> {
            assertThat(((GetSubscription) r.request()).getOrganizationId()).isEqualTo("org-1");
            assertThat(r.caller()).isEqualTo(BillingStub.OWNER);
        });
    }

    @Test
    @DisplayName("PUT payment-method forwards the card with the Idempotency-Key as command id; a body of the wrong "
            + "shape is 400 and is not forwarded")
    void paymentMethod() {
        HttpResponse<String> ok = gateway.send("PUT", "/api/v1/orgs/org-1/payment-method",
                "{\"number\":\"4242 4242 4242 4242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}",
                OWNER, "Bearer " + BillingStub.OWNER_TOKEN, "Idempotency-Key", "card-1");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(stub.of(AttachPaymentMethod.class)).singleElement().satisfies(r -> {
            AttachPaymentMethod command = (AttachPaymentMethod) r.request();
            assertThat(command.getNumber()).isEqualTo("4242 4242 4242 4242");
            assertThat(command.getExpMonth()).isEqualTo(12);
            assertThat(command.getCommandId()).isEqualTo("card-1");
        });

        HttpResponse<String> bad = gateway.send("PUT", "/api/v1/orgs/org-1/payment-method",
                "{\"number\":\"4242\",\"expMonth\":\"12\",\"expYear\":2030,\"cvc\":\"123\"}",
                OWNER, "Bearer " + BillingStub.OWNER_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("errors").get("expMonth").stringValue()).isEqualTo("must be a whole number");
        // Not echoed anywhere; the correlation id (random hex) is left out, as it may hold "4242" by chance.
        assertThat(bad.body().replaceAll("\"correlationId\":\"[^\"]*\"", "")).doesNotContain("4242");
        assertThat(stub.of(AttachPaymentMethod.class)).hasSize(1);
    }

    @Test
    @DisplayName("POST subscription forwards the plan; billing-service's refusals come back 1:1 as problem+json")
    void changePlan() {
        HttpResponse<String> ok = gateway.postJson("/api/v1/orgs/org-1/subscription", "{\"plan\":\"pro\"}",
                bearer(BillingStub.OWNER_TOKEN));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(((ChangePlan) stub.of(ChangePlan.class).getFirst().request()).getPlanCode()).isEqualTo("pro");

        stub.onChangePlan = (request, context) -> {
            throw RpcException.conflict("an upgrade is being processed");
        };
        HttpResponse<String> busy = gateway.postJson("/api/v1/orgs/org-1/subscription", "{\"plan\":\"team\"}",
                bearer(BillingStub.OWNER_TOKEN));
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(busy).get("detail").stringValue()).isEqualTo("an upgrade is being processed");

        stub.onChangePlan = (request, context) -> {
            throw RpcException.invalid(Map.of("plan_code", "unknown plan"));
        };
        HttpResponse<String> unknown = gateway.postJson("/api/v1/orgs/org-1/subscription",
                "{\"plan\":\"enterprise\"}", bearer(BillingStub.OWNER_TOKEN));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("errors").get("plan").stringValue()).isEqualTo("unknown plan");
    }

    @Test
    @DisplayName("POST /api/v1/admin/billing/runs is for platform admins only: others get 403 and nothing is forwarded")
    void adminRuns() {
        HttpResponse<String> refused = gateway.postJson("/api/v1/admin/billing/runs", "{\"asOf\":\"2027-01-01\"}",
                bearer(BillingStub.OWNER_TOKEN));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(stub.of(StartBillingRun.class)).isEmpty();

        HttpResponse<String> ok = gateway.postJson("/api/v1/admin/billing/runs", "{\"asOf\":\"2027-01-01\"}",
                bearer(BillingStub.ADMIN_TOKEN));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body(ok).get("invoicesIssued").intValue()).isEqualTo(3);
        assertThat(stub.of(StartBillingRun.class)).singleElement().satisfies(r -> {
            assertThat(((StartBillingRun) r.request()).getAsOf().getSeconds())
                    .isEqualTo(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond());
            assertThat(r.caller().getPlatformAdmin()).isTrue();
        });
    }

    @Test
    @DisplayName("the billing page shows plan, seats, card and invoices to a signed-in member; without a session it "
            + "sends the browser to sign in")
    void billingPage() {
        HttpResponse<String> page = gateway.get("/app/orgs/org-1/billing",
                "Cookie", "eventsaas_session=" + BillingStub.OWNER_TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Pro").contains("visa ending 4242").contains("2026-000042")
                .contains("name=\"_csrf\"").contains("Change plan");
        assertThat(gateway.get("/app/orgs/org-1/billing").statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("a billing form without its CSRF token is refused and not forwarded")
    void formsNeedCsrf() {
        HttpResponse<String> response = gateway.postForm("/app/orgs/org-1/billing/plan", Map.of("plan", "team"),
                "Cookie", "eventsaas_session=" + BillingStub.OWNER_TOKEN);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(stub.of(ChangePlan.class)).isEmpty();
    }

    @Test
    @DisplayName("the invoice page prints the lines and total, escaping what it shows")
    void invoicePage() {
        HttpResponse<String> page = gateway.get("/app/orgs/org-1/invoices/inv-1",
                "Cookie", "eventsaas_session=" + BillingStub.OWNER_TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2026-000042").contains("19.00 USD").contains("&lt;b&gt;Dec&lt;/b&gt;")
                .doesNotContain("<b>Dec</b>");
    }
}
