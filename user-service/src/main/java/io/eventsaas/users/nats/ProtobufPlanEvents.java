package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.SeatLimit;
import io.eventsaas.users.events.PlanEvents;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * billing's subscription events (contracts billing.proto, schema version 1) as the plan in effect. An event written
 * before {@code seat_limit} existed reads as 0: no limit, as for an organisation billing has not spoken about yet.
 */
@Component
final class ProtobufPlanEvents implements PlanEvents {

    static final int SCHEMA_VERSION = 1;

    @Override
    public Decoded decode(RecordedEvent event) {
        if (event.schemaVersion() != SCHEMA_VERSION) {
            return new Decoded.Skipped("schema version " + event.schemaVersion() + " of " + event.type()
                    + " is not one this service reads (" + SCHEMA_VERSION + ")");
        }
        try {
            byte[] payload = event.payload();
            return switch (event.type()) {
                case EventTypes.SUBSCRIPTION_STARTED -> {
                    SubscriptionStarted e = SubscriptionStarted.parseFrom(payload);
                    yield known(e.getOrganizationId(), e.getPlanCode(), e.getSeatLimit());
                }
                case EventTypes.PLAN_CHANGED -> {
                    PlanChanged e = PlanChanged.parseFrom(payload);
                    yield known(e.getOrganizationId(), e.getToPlanCode(), e.getSeatLimit());
                }
                case EventTypes.SUBSCRIPTION_RENEWED -> {
                    SubscriptionRenewed e = SubscriptionRenewed.parseFrom(payload);
                    yield known(e.getOrganizationId(), e.getPlanCode(), e.getSeatLimit());
                }
                default -> new Decoded.Skipped("not a subscription event that sets the plan: " + event.type());
            };
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new Decoded.Skipped("unreadable " + event.type() + " payload: " + e.getMessage());
        }
    }

    private static Decoded known(String organizationId, String planCode, int seatLimit) {
        return new Decoded.Known(new PlanInEffect(UUID.fromString(organizationId), new SeatLimit(planCode, seatLimit)));
    }
}
