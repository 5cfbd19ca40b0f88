package io.eventsaas.gateway.orgs;

import io.eventsaas.gateway.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The link that accepts an invitation: {@code <public URL>/invitations/<token>}. The public URL is
 * {@code GATEWAY_PUBLIC_URL} when set (behind a proxy the request's own address may be an internal one), else the
 * address the inviter's request came to.
 */
@Component
public class InvitationLinks {

    private final String publicUrl;

    InvitationLinks(GatewayProperties properties) {
        this.publicUrl = properties.publicUrl();
    }

    public String acceptUrl(String token, HttpServletRequest request) {
        String base = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString()
                : publicUrl;
        return base + "/invitations/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
