package io.eventsaas.gateway.activity;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.platform.rpc.RpcClient;
import org.springframework.stereotype.Component;

/**
 * Asks user-service whether the caller may see an organisation, before any of its views is read: the service
 * answers with the organisation for a member and 404 for anyone else (it never says that the organisation exists).
 * The gateway decides nothing itself.
 */
@Component
class ActivityClient {

    private final RpcClient rpc;

    ActivityClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** The organisation as the caller, a member, sees it; an RpcException (404, 401) otherwise. */
    Organization organization(String organizationId, SignedIn signedIn, String correlationId) {
        OrganizationDetails reply = rpc.call(Endpoints.GET_ORGANIZATION,
                GetOrganization.newBuilder().setOrganizationId(organizationId).build(), OrganizationDetails.parser(),
                correlationId, signedIn.caller());
        return new Organization(reply.getOrganizationId(), reply.getName(), reply.getCallerRole(),
                reply.getPersonal());
    }

    record Organization(String id, String name, String callerRole, boolean personal) {
    }
}
