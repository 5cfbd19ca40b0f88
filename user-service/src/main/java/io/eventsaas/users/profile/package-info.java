/**
 * Use case: tell who a user is (get-user), from this instance's read model, consistent with what the caller
 * wrote a moment ago through any instance.
 */
package io.eventsaas.users.profile;
