package io.eventsaas.billing;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.AttachPaymentMethod;
import io.eventsaas.contracts.billing.BillingRunReport;
import io.eventsaas.contracts.billing.CancelSubscription;
import io.eventsaas.contracts.billing.ChangePlan;
import io.eventsaas.contracts.billing.GetSubscription;
import io.eventsaas.contracts.billing.InvoiceList;
import io.eventsaas.contracts.billing.ListInvoices;
import io.eventsaas.contracts.billing.ResumeSubscription;
import io.eventsaas.contracts.billing.StartBillingRun;
import io.eventsaas.contracts.billing.SubscriptionDetails;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The test's side of the servers: calls billing's endpoints as the gateway would (with a Caller), and appends
 * membership events as user-service does (the organisation's subject, expected sequence, message id).
 */
final class BillingTestClient implements AutoCloseable {

    static final Caller ADMIN = Caller.newBuilder().setUserId("platform-admin").setPlatformAdmin(true).build();

    final NatsConnector connector;
    final RpcClient rpc;
    final EventStore eventStore;

    BillingTestClient(String namespace) throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(30), Duration.ofHours(1)), "billing-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        rpc = new RpcClient(connector);
        eventStore = new EventStore(connector, Clock.systemUTC());
        eventStore.ensureStream();
    }

    static Caller user(String userId) {
        return Caller.newBuilder().setUserId(userId).setSessionId("s-" + userId).build();
    }

    <R extends Message> R call(Endpoint endpoint, Message request, Parser<R> parser, Caller caller) {
        return rpc.call(endpoint, request, parser, "billing-it-" + UUID.randomUUID(), caller);
    }

    // ---- user-service's part ----

    /** A new organisation owned by {@code ownerId}; waits until billing has started its subscription. */
    String createOrganization(String ownerId) {
        String org = UUID.randomUUID().toString();
        appendOrganization(org, EventTypes.ORGANIZATION_CREATED, OrganizationCreated.newBuilder()
                .setOrganizationId(org).setName("Org " + org.substring(0, 8)).setOwnerUserId(ownerId).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> eventStore.versionOf(Streams.SUBSCRIPTION, org) > 0);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                subscription(org, user(ownerId)) != null);
        return org;
    }

    void join(String org, String userId, String role) {
        appendOrganization(org, EventTypes.MEMBER_JOINED, MemberJoined.newBuilder().setOrganizationId(org)
                .setUserId(userId).setRole(role).setInvitationId(UUID.randomUUID().toString()).build());
    }

    void remove(String org, String userId) {
        appendOrganization(org, EventTypes.MEMBER_REMOVED, MemberRemoved.newBuilder().setOrganizationId(org)
                .setUserId(userId).setRemovedByUserId(userId).setReason("left").build());
    }

    private void appendOrganization(String org, String type, Message event) {
        eventStore.append(new Append(Streams.ORGANIZATION, org, eventStore.versionOf(Streams.ORGANIZATION, org),
                UUID.randomUUID().toString(), "billing-it", UUID.randomUUID().toString(),
                List.of(new NewEvent(type, 1, event.toByteArray()))));
    }

    // ---- billing's endpoints ----

    SubscriptionDetails subscription(String org, Caller caller) {
        return call(Endpoints.GET_SUBSCRIPTION, GetSubscription.newBuilder().setOrganizationId(org).build(),
                SubscriptionDetails.parser(), caller);
    }

    SubscriptionDetails attachCard(String org, Caller caller, String number, int month, int year) {
        return call(Endpoints.ATTACH_PAYMENT_METHOD, AttachPaymentMethod.newBuilder().setOrganizationId(org)
                .setNumber(number).setExpMonth(month).setExpYear(year).setCvc("123")
                .setCommandId(UUID.randomUUID().toString()).build(), SubscriptionDetails.parser(), caller);
    }

    SubscriptionDetails changePlan(String org, Caller caller, String plan) {
        return call(Endpoints.CHANGE_PLAN, ChangePlan.newBuilder().setOrganizationId(org).setPlanCode(plan)
                .setCommandId(UUID.randomUUID().toString()).build(), SubscriptionDetails.parser(), caller);
    }

    SubscriptionDetails cancel(String org, Caller caller) {
        return call(Endpoints.CANCEL_SUBSCRIPTION, CancelSubscription.newBuilder().setOrganizationId(org)
                .setCommandId(UUID.randomUUID().toString()).build(), SubscriptionDetails.parser(), caller);
    }

    SubscriptionDetails resume(String org, Caller caller) {
        return call(Endpoints.RESUME_SUBSCRIPTION, ResumeSubscription.newBuilder().setOrganizationId(org)
                .setCommandId(UUID.randomUUID().toString()).build(), SubscriptionDetails.parser(), caller);
    }

    InvoiceList invoices(String org, Caller caller) {
        return call(Endpoints.LIST_INVOICES, ListInvoices.newBuilder().setOrganizationId(org).build(),
                InvoiceList.parser(), caller);
    }

    BillingRunReport run(Instant asOf) {
        return call(Endpoints.START_BILLING_RUN, StartBillingRun.newBuilder().setAsOf(Timestamp.newBuilder()
                .setSeconds(asOf.getEpochSecond()).setNanos(asOf.getNano())).build(), BillingRunReport.parser(), ADMIN);
    }

    // ---- looking at the servers ----

    long lastSequence() {
        return eventStore.lastSequence();
    }

    /** Charges the sandbox provider made for an invoice (its ledger, one key per invoice and attempt). */
    long sandboxChargesOf(String invoiceId) throws Exception {
        KeyValue charges = connector.connection().keyValue(connector.namespace().name(Buckets.BILLING_SANDBOX_CHARGES));
        return charges.keys().stream().filter(key -> key.startsWith(invoiceId)).map(key -> {
            try {
                KeyValueEntry entry = charges.get(key);
                return new String(entry.getValue(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(value -> value.startsWith("succeeded")).count();
    }

    /** Whether any message of the stream holds this text (e.g. a card number that must never be there). */
    boolean streamContains(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        long last = lastSequence();
        var jsm = connector.connection().jetStreamManagement();
        for (long seq = 1; seq <= last; seq++) {
            MessageInfo info = jsm.getMessage(eventStore.streamName(), seq);
            if (indexOf(info.getData(), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
