/** API keys: bearer credentials for one organisation and one role, kept only as a hash; creating, listing, revoking, authenticating. */
package io.eventsaas.users.apikeys;
