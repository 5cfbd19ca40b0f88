package io.eventsaas.users.organizations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Organisations, invitations and their e-mails ({@code users.organizations.*}).
 *
 * @param invitationLifetime how long an invitation can be accepted (USERS_ORGANIZATIONS_INVITATION_LIFETIME)
 * @param visibilityTimeout  how long a reply waits for the read model to show the write; below the callers'
 *                           request timeout
 * @param publicUrl          the gateway's public address, for accept links (GATEWAY_PUBLIC_URL)
 * @param smtpHost           mail the accept link through this SMTP server; blank: send no mail (SMTP_HOST)
 * @param smtpPort           SMTP_PORT
 * @param mailFrom           the sender of invitation mails (MAIL_FROM)
 */
@ConfigurationProperties("users.organizations")
public record OrganizationSettings(
        @DefaultValue("7d") Duration invitationLifetime,
        @DefaultValue("4s") Duration visibilityTimeout,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("") String smtpHost,
        @DefaultValue("1025") int smtpPort,
        @DefaultValue("no-reply@eventsaas.local") String mailFrom) {

    public OrganizationSettings {
        if (invitationLifetime.isNegative() || invitationLifetime.isZero()) {
            throw new IllegalArgumentException("users.organizations.invitation-lifetime must be positive");
        }
        if (smtpPort <= 0 || smtpPort > 65535) {
            throw new IllegalArgumentException("users.organizations.smtp-port must be a TCP port, not " + smtpPort);
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The page where the invitee accepts. */
    public String acceptUrl(String token) {
        return publicUrl + "/invitations/" + token;
    }
}
