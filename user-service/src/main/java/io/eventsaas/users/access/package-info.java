/**
 * Tenant isolation: who may do what in which organisation, decided here, in the service that owns the members and
 * keys, from its read model (and again by the aggregate for every command). See docs/organizations.md.
 */
package io.eventsaas.users.access;
