package io.eventsaas.users.invitations;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.policy.PolicyRunners;
import io.eventsaas.users.access.Access;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.organizations.OrganizationSettings;
import io.eventsaas.users.store.OrganizationsReadModel;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InvitationsConfiguration {

    /** SMTP when SMTP_HOST is set, else no mail (the inviter copies the link from the answer). */
    @Bean
    InvitationMailer invitationMailer(OrganizationSettings settings) {
        if (settings.smtpHost().isBlank()) {
            LoggerFactory.getLogger(InvitationMailer.class).info("No SMTP_HOST: invitations are not mailed");
            return InvitationMailer.none();
        }
        return new SmtpInvitationMailer(settings.smtpHost(), settings.smtpPort(), settings.mailFrom());
    }

    @Bean
    InvitationsHandler invitationsHandler(OrganizationCommands commands, Access access,
            OrganizationsReadModel readModel, InvitationMailer mailer, OrganizationSettings settings,
            InviteeKeys inviteeKeys, Clock clock) {
        return new InvitationsHandler(commands, access, readModel, mailer, settings, inviteeKeys, clock);
    }

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner closedInvitationsPolicy(PolicyRunners policies, EventStore eventStore, DomainEventCodec codec,
            InviteeKeys inviteeKeys) {
        return policies.runnerFor(new WhenInvitationClosedThenShredAddress(eventStore, codec, inviteeKeys));
    }
}
