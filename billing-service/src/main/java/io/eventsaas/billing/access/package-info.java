/** Who may do what: members read, owners and admins change billing, platform admins start runs. */
package io.eventsaas.billing.access;
