/**
 * Members of an organisation: listing them, changing roles, removing (or leaving), and the policy that takes an
 * erased user out of every organisation without leaving one ownerless.
 */
package io.eventsaas.users.membership;
