package io.eventsaas.billing.nats;

import static io.eventsaas.billing.nats.ProtobufBillingEventCodec.instant;

import io.eventsaas.billing.access.Access;
import io.eventsaas.billing.payments.CardDetails;
import io.eventsaas.billing.runs.BillingRun;
import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.billing.subscriptions.SubscriptionHandlers;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.billing.AttachPaymentMethod;
import io.eventsaas.contracts.billing.CancelSubscription;
import io.eventsaas.contracts.billing.ChangePlan;
import io.eventsaas.contracts.billing.GetInvoice;
import io.eventsaas.contracts.billing.GetSubscription;
import io.eventsaas.contracts.billing.ListInvoices;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.contracts.billing.ResumeSubscription;
import io.eventsaas.contracts.billing.StartBillingRun;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcServer;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The billing endpoints: each reads the Caller, maps the request to plain values and the answer back to protobuf. */
@Configuration(proxyBeanMethods = false)
class RpcConfiguration {

    static final String VERSION = "0.2.0";

    @Bean
    Set<String> billingEventTypes() {
        Set<String> types = new HashSet<>(ProtobufBillingEventCodec.MEMBERSHIP_TYPES);
        types.addAll(ProtobufBillingEventCodec.BILLING_TYPES);
        return types;
    }

    @Bean
    BillingBuckets billingBuckets(NatsConnector connector, ProtobufBillingEventCodec codec) {
        return new BillingBuckets(connector, codec);
    }

    /** Joins its queue groups only when the warm-up calls {@code start()}; leaves them first on shut-down. */
    @Bean(destroyMethod = "stop")
    RpcServer rpcServer(NatsConnector connector, Telemetry telemetry, SubscriptionHandlers subscriptions,
            BillingReadModel readModel, Access access, BillingRun billingRun, Clock clock) {
        return new RpcServer(connector, Endpoints.BILLING, VERSION, "Plans, subscriptions and invoices", telemetry)
                .endpoint(Endpoints.LIST_PLANS, ListPlans.parser(), new ListPlansEndpoint())
                .endpoint(Endpoints.GET_SUBSCRIPTION, GetSubscription.parser(), (request, context) ->
                        BillingReplies.subscription(subscriptions.get(Callers.require(context),
                                request.getOrganizationId())))
                .endpoint(Endpoints.CHANGE_PLAN, ChangePlan.parser(), (request, context) ->
                        BillingReplies.subscription(subscriptions.changePlan(Callers.require(context),
                                request.getOrganizationId(), request.getPlanCode(), request.getCommandId(),
                                context.correlationId())))
                .endpoint(Endpoints.CANCEL_SUBSCRIPTION, CancelSubscription.parser(), (request, context) ->
                        BillingReplies.subscription(subscriptions.cancel(Callers.require(context),
                                request.getOrganizationId(), request.getCommandId(), context.correlationId())))
                .endpoint(Endpoints.RESUME_SUBSCRIPTION, ResumeSubscription.parser(), (request, context) ->
                        BillingReplies.subscription(subscriptions.resume(Callers.require(context),
                                request.getOrganizationId(), request.getCommandId(), context.correlationId())))
                .endpoint(Endpoints.ATTACH_PAYMENT_METHOD, AttachPaymentMethod.parser(), (request, context) ->
                        BillingReplies.subscription(subscriptions.attachPaymentMethod(Callers.require(context),
                                request.getOrganizationId(), new CardDetails(request.getNumber(),
                                        request.getExpMonth(), request.getExpYear(), request.getCvc()),
                                request.getCommandId(), context.correlationId())))
                .endpoint(Endpoints.LIST_INVOICES, ListInvoices.parser(), (request, context) -> {
                    access.requireMember(Callers.require(context), request.getOrganizationId());
                    return BillingReplies.invoices(request.getOrganizationId(),
                            readModel.invoices(request.getOrganizationId()));
                })
                .endpoint(Endpoints.GET_INVOICE, GetInvoice.parser(), (request, context) -> {
                    access.requireMember(Callers.require(context), request.getOrganizationId());
                    return BillingReplies.invoice(readModel.invoice(request.getOrganizationId(),
                            request.getInvoiceId()).orElseThrow(() -> RpcException.notFound("no such invoice")));
                })
                .endpoint(Endpoints.START_BILLING_RUN, StartBillingRun.parser(), (request, context) -> {
                    access.requirePlatformAdmin(Callers.require(context));
                    try {
                        return BillingReplies.report(billingRun.run(request.hasAsOf() ? instant(request.getAsOf())
                                : clock.instant(), context.correlationId()));
                    } catch (RpcException e) {
                        throw e;
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("billing run failed: " + e.getMessage(), e);
                    }
                });
    }
}
