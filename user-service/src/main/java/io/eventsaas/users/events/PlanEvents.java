package io.eventsaas.users.events;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.SeatLimit;
import java.util.Set;
import java.util.UUID;

/**
 * billing-service's subscription events, read for the one thing user-service needs from them: the seat limit of the
 * plan in effect. billing owns the plans and says the limit in every event that sets the plan (started, changed,
 * renewed), so user-service enforces it without knowing the plans.
 */
public interface PlanEvents {

    /** The subscription events that carry the plan in effect. */
    Set<String> TYPES = Set.of(EventTypes.SUBSCRIPTION_STARTED, EventTypes.PLAN_CHANGED,
            EventTypes.SUBSCRIPTION_RENEWED);

    /** From now on, this organisation's plan allows this many seats. */
    record PlanInEffect(UUID organizationId, SeatLimit seatLimit) {
    }

    /** The plan in effect an event sets, or why it cannot be read (newer schema version, broken payload). */
    Decoded decode(RecordedEvent event);

    sealed interface Decoded {

        record Known(PlanInEffect plan) implements Decoded {
        }

        record Skipped(String reason) implements Decoded {
        }
    }
}
