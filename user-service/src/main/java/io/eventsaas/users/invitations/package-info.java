/** Invitations by e-mail: issue (and mail the link when SMTP is configured), list, revoke, show, accept. */
package io.eventsaas.users.invitations;
