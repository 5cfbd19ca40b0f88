package io.eventsaas.users.access;

import io.eventsaas.platform.projection.ReadModelFreshness;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.ApiKeyView;
import io.eventsaas.users.store.OrganizationsReadModel.OrganizationView;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant isolation, enforced in the service that owns the data: may this actor do this in this organisation? From
 * the read model's memberships and API keys, never from what the caller claims. A stranger learns nothing (404,
 * as for an organisation that does not exist), a member without the role gets 403, an API key acts only on its
 * own organisation with the role it has now (a revoked key: 401).
 *
 * <p>Commands are checked once more by the aggregate itself ({@code Organization.roleOf}), against the stream.
 */
public final class Access {

    /** The organisation the actor may act on, and the actor's role in it. */
    public record Granted(OrganizationView organization, OrganizationRole role) {
    }

    private final OrganizationsReadModel readModel;
    private final ReadModelFreshness freshness;

    public Access(OrganizationsReadModel readModel, ReadModelFreshness freshness) {
        this.readModel = readModel;
        this.freshness = freshness;
    }

    /**
     * @param organizationId as the request names it (anything that is not a canonical UUID names nothing: 404)
     */
    public Granted require(OrganizationActor actor, String organizationId, OrganizationRole minimum) {
        freshness.catchUp();
        UUID id = Ids.parse(organizationId).orElseThrow(Access::noSuchOrganization);
        OrganizationRole role = switch (actor) {
            case OrganizationActor.User user -> readModel.roleOf(id, user.userId()).map(OrganizationRole::of)
                    .orElseThrow(Access::noSuchOrganization);
            case OrganizationActor.ApiKey key -> {
                ApiKeyView view = activeKey(key.apiKeyId());
                if (!view.organizationId().equals(id)) {
                    throw noSuchOrganization();
                }
                yield OrganizationRole.of(view.role());
            }
            case OrganizationActor.Policy policy -> OrganizationRole.OWNER;
        };
        OrganizationView organization = readModel.organization(id).orElseThrow(Access::noSuchOrganization);
        if (!role.atLeast(minimum)) {
            throw RpcException.forbidden("your role (" + role.wireName() + ") may not do this; it needs "
                    + minimum.wireName() + (minimum == OrganizationRole.OWNER ? "" : " or above"));
        }
        return new Granted(organization, role);
    }

    /** Brings the read model up to the stream's tail: for reads that do not go through {@link #require}. */
    public void catchUp() {
        freshness.catchUp();
    }

    /** An API key that is still valid, or 401. */
    public ApiKeyView activeKey(UUID apiKeyId) {
        return readModel.apiKey(apiKeyId).filter(key -> !key.revoked())
                .orElseThrow(() -> RpcException.unauthorized("the API key is revoked or unknown"));
    }

    private static RpcException noSuchOrganization() {
        return RpcException.notFound("no such organisation");
    }

    /** Ids as requests carry them. */
    public static final class Ids {

        private Ids() {
        }

        /** Only the canonical form names something (UUID.fromString also takes 1-2-3-4-5). */
        public static Optional<UUID> parse(String raw) {
            if (raw == null) {
                return Optional.empty();
            }
            String canonical = raw.strip().toLowerCase(java.util.Locale.ROOT);
            try {
                UUID uuid = UUID.fromString(canonical);
                return uuid.toString().equals(canonical) ? Optional.of(uuid) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
