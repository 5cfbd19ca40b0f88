package io.eventsaas.gateway;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.billing.AttachPaymentMethod;
import io.eventsaas.contracts.billing.BillingRunReport;
import io.eventsaas.contracts.billing.CancelSubscription;
import io.eventsaas.contracts.billing.ChangePlan;
import io.eventsaas.contracts.billing.GetInvoice;
import io.eventsaas.contracts.billing.GetSubscription;
import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.contracts.billing.InvoiceLine;
import io.eventsaas.contracts.billing.InvoiceList;
import io.eventsaas.contracts.billing.ListInvoices;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.PaymentMethod;
import io.eventsaas.contracts.billing.Plan;
import io.eventsaas.contracts.billing.PlanCatalogue;
import io.eventsaas.contracts.billing.ResumeSubscription;
import io.eventsaas.contracts.billing.StartBillingRun;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for billing-service and for user-service's session check, answering over the real NATS server in the
 * test's namespace. Sessions: {@value #OWNER_TOKEN} is an organisation owner, {@value #ADMIN_TOKEN} a platform admin,
 * anything else is refused. Billing answers canned data unless a test says otherwise, and records what it received.
 */
final class BillingStub implements AutoCloseable {

    static final String OWNER_TOKEN = "owner-session-token";
    static final String ADMIN_TOKEN = "admin-session-token";
    static final Caller OWNER = Caller.newBuilder().setUserId("u-owner").setSessionId("s-1").build();
    static final Caller ADMIN = Caller.newBuilder().setUserId("u-admin").setSessionId("s-2").setPlatformAdmin(true)
            .build();

    record Received(Message request, Caller caller) {
    }

    private final NatsConnector connector;
    private final RpcServer users;
    private final RpcServer billing;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile RpcHandler<ChangePlan, SubscriptionDetails> onChangePlan = (request, context) -> subscription("pro");

    private BillingStub(String namespace) throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(1)), "billing-stub");
        connector.awaitConnection(Duration.ofSeconds(10));
        users = new RpcServer(connector, Endpoints.USERS, "0.0.0-test", "stand-in for sessions")
                .endpoint(Endpoints.AUTHENTICATE_SESSION, AuthenticateSession.parser(), (request, context) ->
                        switch (request.getSessionToken()) {
                            case OWNER_TOKEN -> Authentication.newBuilder().setCaller(OWNER).setDisplayName("Ada")
                                    .setEmail("ada@example.com").build();
                            case ADMIN_TOKEN -> Authentication.newBuilder().setCaller(ADMIN).setDisplayName("Root")
                                    .setEmail("root@example.com").build();
                            default -> throw RpcException.unauthorized("unknown session");
                        });
        billing = new RpcServer(connector, Endpoints.BILLING, "0.0.0-test", "stand-in for billing-service")
                .endpoint(Endpoints.LIST_PLANS, ListPlans.parser(), record((r, c) -> catalogue()))
                .endpoint(Endpoints.GET_SUBSCRIPTION, GetSubscription.parser(), record((r, c) -> subscription("pro")))
                .endpoint(Endpoints.CHANGE_PLAN, ChangePlan.parser(), record((r, c) -> onChangePlan.handle(r, c)))
                .endpoint(Endpoints.CANCEL_SUBSCRIPTION, CancelSubscription.parser(),
                        record((r, c) -> subscription("pro")))
                .endpoint(Endpoints.RESUME_SUBSCRIPTION, ResumeSubscription.parser(),
                        record((r, c) -> subscription("pro")))
                .endpoint(Endpoints.ATTACH_PAYMENT_METHOD, AttachPaymentMethod.parser(),
                        record((r, c) -> subscription("pro")))
                .endpoint(Endpoints.LIST_INVOICES, ListInvoices.parser(), record((r, c) -> InvoiceList.newBuilder()
                        .setOrganizationId(r.getOrganizationId()).addInvoices(invoice()).build()))
                .endpoint(Endpoints.GET_INVOICE, GetInvoice.parser(), record((r, c) -> invoice()))
                .endpoint(Endpoints.START_BILLING_RUN, StartBillingRun.parser(), record((r, c) ->
                        BillingRunReport.newBuilder().setAsOf(r.getAsOf()).setInvoicesIssued(3).setInvoicesPaid(2)
                                .build()));
    }

    private <Q extends Message, R extends Message> RpcHandler<Q, R> record(RpcHandler<Q, R> handler) {
        return (request, context) -> {
            received.add(new Received(request, context.caller(Caller.parser()).orElse(null)));
            return handler.handle(request, context);
        };
    }

    static BillingStub start(String namespace) throws Exception {
        BillingStub stub = new BillingStub(namespace);
        stub.users.start();
        stub.billing.start();
        stub.connector.connection().flush(Duration.ofSeconds(5));
        return stub;
    }

    static Money usd(long minor) {
        return Money.newBuilder().setMinorUnits(minor).setCurrency("USD").build();
    }

    static PlanCatalogue catalogue() {
        return PlanCatalogue.newBuilder()
                .addPlans(Plan.newBuilder().setCode("free").setName("Free").setMonthlyPrice(usd(0))
                        .setMonthlyPricePerSeat(usd(0)).setIncludedSeats(3))
                .addPlans(Plan.newBuilder().setCode("pro").setName("Pro").setMonthlyPrice(usd(1900))
                        .setMonthlyPricePerSeat(usd(0)))
                .addPlans(Plan.newBuilder().setCode("team").setName("Team").setMonthlyPrice(usd(0))
                        .setMonthlyPricePerSeat(usd(900)))
                .build();
    }

    static SubscriptionDetails subscription(String plan) {
        Plan p = catalogue().getPlansList().stream().filter(x -> x.getCode().equals(plan)).findFirst().orElseThrow();
        return SubscriptionDetails.newBuilder().setOrganizationId("org-1").setPlan(p).setStatus("active")
                .setPeriodStart(Timestamp.newBuilder().setSeconds(1_796_083_200L))
                .setPeriodEnd(Timestamp.newBuilder().setSeconds(1_798_761_600L)).setSeats(3)
                .setMonthlyAmount(usd(1900)).setCallerRole("owner")
                .setPaymentMethod(PaymentMethod.newBuilder().setBrand("visa").setLast4("4242").setExpMonth(12)
                        .setExpYear(2030))
                .build();
    }

    static InvoiceDetails invoice() {
        return InvoiceDetails.newBuilder().setInvoiceId("inv-1").setOrganizationId("org-1").setNumber("2026-000042")
                .setPeriodStart(Timestamp.newBuilder().setSeconds(1_796_083_200L))
                .setPeriodEnd(Timestamp.newBuilder().setSeconds(1_798_761_600L))
                .addLines(InvoiceLine.newBuilder().setDescription("Pro plan, <b>Dec</b>").setQuantity(1)
                        .setUnitAmount(usd(1900)).setAmount(usd(1900)).setKind("plan"))
                .setTotal(usd(1900)).setIssuedAt(Timestamp.newBuilder().setSeconds(1_796_083_200L))
                .setStatus("paid").build();
    }

    <T extends Message> List<Received> of(Class<T> type) {
        return received.stream().filter(r -> type.isInstance(r.request())).toList();
    }

    @Override
    public void close() throws Exception {
        users.stop();
        billing.stop();
        connector.close();
    }
}
