package io.eventsaas.users.events;

import io.eventsaas.contracts.Streams;
import io.eventsaas.users.domain.DomainEvent;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.UserEvent;

/** Which aggregate, and so which event subject, a domain event belongs to. */
public final class Aggregates {

    private Aggregates() {
    }

    public static String typeOf(DomainEvent event) {
        return switch (event) {
            case UserEvent e -> Streams.USER;
            case OrganizationEvent e -> Streams.ORGANIZATION;
        };
    }

    public static String idOf(DomainEvent event) {
        return switch (event) {
            case UserEvent e -> e.userId().toString();
            case OrganizationEvent e -> e.organizationId().toString();
        };
    }
}
