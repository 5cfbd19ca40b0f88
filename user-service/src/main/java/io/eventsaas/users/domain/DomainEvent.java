package io.eventsaas.users.domain;

/** Something that happened to one of this service's aggregates. */
public sealed interface DomainEvent permits UserEvent, OrganizationEvent {
}
