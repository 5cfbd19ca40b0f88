/**
 * Organisations, the tenants: creating them, showing them, and {@code OrganizationCommands}, through which every
 * command on an organisation goes (load from the stream, decide, append with the expected sequence, wait until the
 * read model shows it). Also the policy that gives every newly registered user their personal organisation.
 */
package io.eventsaas.users.organizations;
