/**
 * Organisations: for now, the policy that gives every newly registered user an organisation of their own. It
 * runs on a durable consumer shared by all instances, so each {@code UserRegistered} is handled by one of them.
 */
package io.eventsaas.users.organizations;
