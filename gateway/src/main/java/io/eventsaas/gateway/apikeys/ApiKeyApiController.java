package io.eventsaas.gateway.apikeys;

import io.eventsaas.gateway.orgs.IssuedApiKey;
import io.eventsaas.gateway.orgs.OrgApiKey;
import io.eventsaas.gateway.orgs.OrganizationsClient;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.IdempotencyKey;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * An organisation's API keys: create ({@code {name, role?}}, the secret in the answer, once), list (never a secret),
 * revoke. The users service decides who may (owners and admins) and keeps only a hash of each key.
 */
@RestController
class ApiKeyApiController {

    private final OrganizationsClient orgs;
    private final ObjectMapper json;

    ApiKeyApiController(OrganizationsClient orgs, ObjectMapper json) {
        this.orgs = orgs;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedKey> create(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        String commandId = IdempotencyKey.commandId(idempotencyKey);
        JsonBody body = JsonBody.read(request, json);
        String name = body.requireStrings("name").get("name");
        String role = body.optionalString("role").orElse("");
        IssuedApiKey issued = orgs.createApiKey(orgId, name, role, commandId, signedIn, CorrelationId.of(request));
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/orgs/{id}/api-keys")
                        .buildAndExpand(orgId).encode().toUri())
                .body(new CreatedKey(KeyResponse.of(issued.key()), issued.secret()));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    KeysResponse list(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return new KeysResponse(orgId, orgs.apiKeys(orgId, signedIn, CorrelationId.of(request)).stream()
                .map(KeyResponse::of).toList());
    }

    @DeleteMapping("/api/v1/orgs/{orgId}/api-keys/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String orgId, @PathVariable String keyId, SignedIn signedIn,
            HttpServletRequest request) {
        orgs.revokeApiKey(orgId, keyId, signedIn, CorrelationId.of(request));
        return ResponseEntity.noContent().build();
    }

    record KeyResponse(String keyId, String name, String role, String prefix, String createdBy, String createdAt) {
        static KeyResponse of(OrgApiKey key) {
            return new KeyResponse(key.keyId(), key.name(), key.role(), key.prefix(), key.createdByUserId(),
                    key.createdAt() == null ? null : key.createdAt().toString());
        }
    }

    /** The new key, and its secret: shown this once. */
    record CreatedKey(KeyResponse key, String secret) {
    }

    record KeysResponse(String orgId, List<KeyResponse> apiKeys) {
    }
}
