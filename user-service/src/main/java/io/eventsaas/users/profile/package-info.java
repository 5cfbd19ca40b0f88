/**
 * Use cases on a user's own account: tell who a user is (get-user, to the user themself or a platform admin),
 * rename them, change their password. Reads come from this instance's read model, consistent with what the caller
 * wrote a moment ago through any instance; commands go through {@link io.eventsaas.users.profile.UserCommands}
 * (load, decide, append at the expected version).
 */
package io.eventsaas.users.profile;
