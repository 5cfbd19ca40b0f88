/** Platform admins: the e-mail addresses in {@code ADMIN_EMAILS}. */
package io.eventsaas.users.admins;
