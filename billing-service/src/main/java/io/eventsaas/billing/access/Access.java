package io.eventsaas.billing.access;

import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.platform.rpc.RpcException;
import java.util.Optional;
import java.util.Set;

/**
 * billing-service authorises every request itself, against its own copy of the organisation's members (from
 * user-service's events): a non-member gets 404 (an organisation's existence is not told to outsiders), a member
 * without the role 403. Owners and admins manage billing; members read it.
 */
public final class Access {

    private static final Set<String> MANAGERS = Set.of("owner", "admin");

    private final BillingReadModel readModel;

    public Access(BillingReadModel readModel) {
        this.readModel = readModel;
    }

    /** The requester's role in the organisation; 404 unless a member. */
    public String requireMember(Requester requester, String organizationId) {
        Optional<String> role;
        if (requester.isApiKey()) {
            role = organizationId.equals(requester.organizationId()) && readModel.organizationExists(organizationId)
                    ? Optional.of(requester.role()) : Optional.empty();
        } else {
            role = readModel.roleOf(organizationId, requester.userId());
        }
        return role.orElseThrow(() -> RpcException.notFound("no organisation " + organizationId));
    }

    /** The requester's role; 404 unless a member, 403 unless an owner or admin. */
    public String requireManager(Requester requester, String organizationId) {
        String role = requireMember(requester, organizationId);
        if (!MANAGERS.contains(role)) {
            throw RpcException.forbidden("only owners and admins may change billing");
        }
        return role;
    }

    public void requirePlatformAdmin(Requester requester) {
        if (!requester.platformAdmin()) {
            throw RpcException.forbidden("only platform admins may start a billing run");
        }
    }
}
