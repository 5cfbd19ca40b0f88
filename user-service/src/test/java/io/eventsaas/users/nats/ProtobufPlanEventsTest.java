package io.eventsaas.users.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.SeatLimit;
import io.eventsaas.users.events.PlanEvents.Decoded;
import io.eventsaas.users.events.PlanEvents.PlanInEffect;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading the plan in effect from billing's events")
class ProtobufPlanEventsTest {

    private static final String ORG = "7c0e7a52-0b0e-4c8e-9a57-5c3c2f1e0d11";
    private final ProtobufPlanEvents planEvents = new ProtobufPlanEvents();

    private static RecordedEvent recorded(String type, int version, byte[] payload) {
        return new RecordedEvent(42, 0, "events.subscription." + ORG, "event-1", type, version, "subscription", ORG,
                Instant.EPOCH, "corr", "cause", payload);
    }

    private static Decoded known(String planCode, int seats) {
        return new Decoded.Known(new PlanInEffect(UUID.fromString(ORG), new SeatLimit(planCode, seats)));
    }

    @Test
    @DisplayName("started, changed and renewed each say the plan and its seat limit")
    void eachPlanEvent() {
        assertThat(planEvents.decode(recorded(EventTypes.SUBSCRIPTION_STARTED, 1, SubscriptionStarted.newBuilder()
                .setOrganizationId(ORG).setPlanCode("free").setSeatLimit(3).build().toByteArray())))
                .isEqualTo(known("free", 3));
        assertThat(planEvents.decode(recorded(EventTypes.PLAN_CHANGED, 1, PlanChanged.newBuilder()
                .setOrganizationId(ORG).setFromPlanCode("free").setToPlanCode("team").setSeatLimit(0).build()
                .toByteArray()))).isEqualTo(known("team", 0));
        assertThat(planEvents.decode(recorded(EventTypes.SUBSCRIPTION_RENEWED, 1, SubscriptionRenewed.newBuilder()
                .setOrganizationId(ORG).setPlanCode("free").setSeatLimit(3).build().toByteArray())))
                .isEqualTo(known("free", 3));
    }

    @Test
    @DisplayName("an event written before seat_limit existed reads as no limit")
    void olderEventHasNoLimit() {
        var decoded = planEvents.decode(recorded(EventTypes.SUBSCRIPTION_STARTED, 1, SubscriptionStarted.newBuilder()
                .setOrganizationId(ORG).setPlanCode("free").setSeats(1).build().toByteArray()));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Known.class,
                known -> assertThat(known.plan().seatLimit().isLimited()).isFalse());
    }

    @Test
    @DisplayName("a newer schema version, a broken payload or an organisation id that is no UUID are skipped, not thrown")
    void unreadableIsSkipped() {
        byte[] started = SubscriptionStarted.newBuilder().setOrganizationId(ORG).setPlanCode("free").setSeatLimit(3)
                .build().toByteArray();

        assertThat(planEvents.decode(recorded(EventTypes.SUBSCRIPTION_STARTED, 2, started)))
                .isInstanceOf(Decoded.Skipped.class);
        assertThat(planEvents.decode(recorded(EventTypes.PLAN_CHANGED, 1, new byte[] {(byte) 0xff, 0x01})))
                .isInstanceOf(Decoded.Skipped.class);
        assertThat(planEvents.decode(recorded(EventTypes.SUBSCRIPTION_STARTED, 1, SubscriptionStarted.newBuilder()
                .setOrganizationId("org-1").setSeatLimit(3).build().toByteArray())))
                .isInstanceOf(Decoded.Skipped.class);
    }
}
