package io.eventsaas.users.nats;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.admins.PlatformAdmins;
import io.eventsaas.users.profile.GetUserHandler;
import io.eventsaas.users.store.UserView;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code rpc.users.get-user}: {@code GetUser -> UserDetails}, for the user themself or a platform admin (anyone
 * else gets 404, as for an unknown id); without a Caller, 401.
 */
final class GetUserEndpoint implements RpcHandler<GetUser, UserDetails> {

    private final GetUserHandler handler;
    private final PlatformAdmins admins;

    GetUserEndpoint(GetUserHandler handler, PlatformAdmins admins) {
        this.handler = handler;
        this.admins = admins;
    }

    @Override
    public UserDetails handle(GetUser request, RpcContext context) {
        Caller caller = Callers.require(context);
        UUID callerId = caller.getUserId().isEmpty() ? null : AccountEndpoints.userIdOf(caller);
        // A malformed id names no user: answer as for an unknown one, without a query.
        UserView user = parse(request.getUserId())
                .flatMap(id -> handler.userSeenBy(id, callerId, caller.getPlatformAdmin()))
                .orElseThrow(() -> RpcException.notFound("no user with id '" + request.getUserId() + "'"));
        return details(user, admins);
    }

    static UserDetails details(UserView user, PlatformAdmins admins) {
        UserDetails.Builder details = UserDetails.newBuilder()
                .setUserId(user.userId().toString())
                .setEmail(user.email() == null ? "" : user.email())
                .setDisplayName(user.displayName())
                .setPlatformAdmin(admins.isAdmin(user.email()))
                .setRegisteredAt(Timestamp.newBuilder()
                        .setSeconds(user.registeredAt().getEpochSecond())
                        .setNanos(user.registeredAt().getNano()));
        for (UserView.MembershipView membership : user.organizations()) {
            details.addOrganizations(OrganizationSummary.newBuilder()
                    .setOrganizationId(membership.organizationId().toString())
                    .setName(membership.name())
                    .setRole(membership.role())
                    .setPersonal(membership.personal()));
        }
        return details.build();
    }

    private static Optional<UUID> parse(String id) {
        String canonical = id.strip().toLowerCase(Locale.ROOT);
        try {
            UUID uuid = UUID.fromString(canonical);
            // UUID.fromString also takes short forms such as 1-2-3-4-5; only the canonical form names a user.
            return uuid.toString().equals(canonical) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
