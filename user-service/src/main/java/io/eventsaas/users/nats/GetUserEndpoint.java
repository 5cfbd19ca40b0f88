package io.eventsaas.users.nats;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.profile.GetUserHandler;
import io.eventsaas.users.store.UserView;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@code rpc.users.get-user}: {@code GetUser -> UserDetails}. */
final class GetUserEndpoint implements RpcHandler<GetUser, UserDetails> {

    private final GetUserHandler handler;

    GetUserEndpoint(GetUserHandler handler) {
        this.handler = handler;
    }

    @Override
    public UserDetails handle(GetUser request, RpcContext context) {
        // A malformed id names no user: answer as for an unknown one, without a query.
        UserView user = parse(request.getUserId()).flatMap(handler::user)
                .orElseThrow(() -> RpcException.notFound("no user with id '" + request.getUserId() + "'"));
        UserDetails.Builder details = UserDetails.newBuilder()
                .setUserId(user.userId().toString())
                .setEmail(user.email())
                .setDisplayName(user.displayName())
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
