package io.eventsaas.users.nats;

import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.users.erasure.PersonalDataKeys;
import io.eventsaas.users.invitations.InviteeKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The personal-data vault (keys in the KV bucket {@code personal-data-keys}): the codec seals and opens users'
 * personal data with it, erasure destroys keys through it, and so do accepted and revoked invitations. The warm-up opens it before the read model catches up.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    PersonalDataVault personalDataVault(NatsConnector connector, Clock clock) {
        return new PersonalDataVault(connector, clock);
    }

    @Bean
    PersonalDataKeys personalDataKeys(PersonalDataVault vault) {
        return userId -> vault.destroy(ProtobufEventCodec.keyOf(userId));
    }

    @Bean
    InviteeKeys inviteeKeys(PersonalDataVault vault) {
        return invitationId -> vault.destroy(OrganizationEventCodec.invitationKey(invitationId));
    }
}
