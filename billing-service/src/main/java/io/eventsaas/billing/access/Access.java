package io.eventsaas.billing.access;

import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.platform.projection.ReadModelFreshness;
import io.eventsaas.platform.rpc.RpcException;
import java.util.Optional;
import java.util.Set;

/**
 * billing-service authorises every request itself, against its own copy of the organisation's members (from
 * user-service's events): a non-member gets 404 (an organisation's existence is not told to outsiders), a member
 * without the role 403. Owners and admins manage billing; members read it. Every check first brings the read model
 * up to the stream's tail, so a removal or a role change user-service acknowledged a moment ago already counts.
 */
public final class Access {

    private static final Set<String> MANAGERS = Set.of("owner", "admin");

    private final BillingReadModel readModel;
    private final ReadModelFreshness freshness;

    public Access(BillingReadModel readModel, ReadModelFreshness freshness) {
        this.readModel = readModel;
        this.freshness = freshness;
    }

    /** The requester's role in the organisation; 404 unless a member. */
    public String requireMember(Requester requester, String organizationId) {
        freshness.catchUp();
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
