package io.eventsaas.users.apikeys;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.access.Access;
import io.eventsaas.users.access.Secrets;
import io.eventsaas.users.access.Validation;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationCommand.CreateApiKey;
import io.eventsaas.users.domain.OrganizationCommand.RevokeApiKey;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.ApiKeyView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * API keys: bearer credentials for one organisation with one role (never above their creator's). The secret is
 * {@value #PREFIX} and 256 random bits, shown once; the service keeps its SHA-256.
 */
public final class ApiKeysHandler {

    public static final String PREFIX = "esk_";
    /** How much of the key is kept in clear, to recognise it in a list. */
    static final int VISIBLE_CHARACTERS = 12;

    public record IssuedApiKey(ApiKeyView apiKey, String secret) {
    }

    private final OrganizationCommands commands;
    private final Access access;
    private final OrganizationsReadModel readModel;

    public ApiKeysHandler(OrganizationCommands commands, Access access, OrganizationsReadModel readModel) {
        this.commands = commands;
        this.access = access;
        this.readModel = readModel;
    }

    public IssuedApiKey create(OrganizationActor actor, String organizationId, String name, String role,
            String commandId, String correlationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        Validation validation = new Validation();
        String validName = validation.name("name", name);
        OrganizationRole keyRole = validation.role(role, OrganizationRole.MEMBER);
        String validCommandId = validation.commandId(commandId);
        validation.check();
        UUID org = granted.organization().organizationId();
        UUID apiKeyId = UUID.nameUUIDFromBytes(("api-key:" + org + ":" + validCommandId)
                .getBytes(StandardCharsets.UTF_8));
        String secret = PREFIX + Secrets.random();
        var outcome = commands.execute(org, new CreateApiKey(actor, apiKeyId, validName, keyRole,
                Secrets.sha256(secret), secret.substring(0, VISIBLE_CHARACTERS)),
                version -> "create-api-key:" + apiKeyId, correlationId);
        if (outcome.duplicate()) {
            throw RpcException.conflict("this command created API key " + apiKeyId
                    + " already; its secret was shown once (revoke it and create another if it is lost)");
        }
        ApiKeyView created = readModel.apiKey(apiKeyId).orElseThrow(() -> new IllegalStateException(
                "API key " + apiKeyId + " is not in the read model after its append was applied"));
        return new IssuedApiKey(created, secret);
    }

    /** Active keys, without secrets (owners and admins). */
    public List<ApiKeyView> active(OrganizationActor actor, String organizationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        return readModel.activeApiKeys(granted.organization().organizationId());
    }

    public List<ApiKeyView> revoke(OrganizationActor actor, String organizationId, String apiKeyId,
            String correlationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        UUID key = Access.Ids.parse(apiKeyId).orElseThrow(() -> RpcException.notFound("no such API key"));
        UUID org = granted.organization().organizationId();
        commands.execute(org, new RevokeApiKey(actor, key), version -> "revoke-api-key:" + key + ":" + version,
                correlationId);
        return readModel.activeApiKeys(org);
    }

    /** Who holds this key: one indexed lookup of its hash. 401 for anything but an active key. */
    public ApiKeyView authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            throw RpcException.unauthorized("not a valid API key");
        }
        String hash = Secrets.sha256(secret);
        // Usually one indexed query; only a key this read model does not know makes it catch up with the stream
        // first (created a moment ago through another instance?).
        return readModel.activeApiKeyBySecretHash(hash).or(() -> {
            access.catchUp();
            return readModel.activeApiKeyBySecretHash(hash);
        }).orElseThrow(() -> RpcException.unauthorized("not a valid API key"));
    }
}
