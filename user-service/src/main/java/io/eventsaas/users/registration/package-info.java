/**
 * Use case: register a user. Validate, hash the password, claim the e-mail address across all instances, append
 * {@code UserRegistered}, and reply once this instance's read model shows the user (and, shortly after, their
 * personal organisation). Retries with the same command id are answered, not repeated.
 */
package io.eventsaas.users.registration;
