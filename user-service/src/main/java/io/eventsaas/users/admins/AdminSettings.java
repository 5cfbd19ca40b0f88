package io.eventsaas.users.admins;

import io.eventsaas.users.domain.EmailAddress;
import io.eventsaas.users.domain.InvalidValueException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform admins ({@code users.admins.emails}, from {@code ADMIN_EMAILS}): e-mail addresses, comma separated, in
 * any case and with any spaces around them. An address that is not one stops start-up.
 */
@ConfigurationProperties("users.admins")
record AdminSettings(@DefaultValue("") List<String> emails) {

    AdminSettings {
        emails = emails == null ? List.of() : emails.stream().filter(e -> e != null && !e.isBlank()).toList();
        for (String email : emails) {
            try {
                EmailAddress.parse(email);
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException("users.admins.emails (ADMIN_EMAILS) holds '" + email.strip()
                        + "', which is not an e-mail address: it " + e.getMessage());
            }
        }
    }

    Set<String> normalised() {
        return emails.stream().map(EmailAddress::normalise).collect(Collectors.toUnmodifiableSet());
    }
}
