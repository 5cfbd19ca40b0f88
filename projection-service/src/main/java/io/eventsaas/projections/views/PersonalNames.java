package io.eventsaas.projections.views;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.privacy.Sealed;
import io.eventsaas.contracts.users.InviteePersonalData;
import io.eventsaas.contracts.users.UserPersonalData;
import io.eventsaas.platform.privacy.PersonalDataVault;

/**
 * Opens the personal data that read models keep only sealed (names, e-mail addresses), at the moment a view is
 * rendered. The databases never hold them in clear: once a person is erased (their key destroyed), every view
 * rendered after shows {@value #ERASED} and a rebuild cannot bring the name back.
 */
public final class PersonalNames {

    public static final String ERASED = "Erased user";

    private final PersonalDataVault vault;

    public PersonalNames(PersonalDataVault vault) {
        this.vault = vault;
    }

    /** The display name sealed in a UserPersonalData, or "Erased user". */
    public String displayName(byte[] sealed) {
        return open(sealed).map(UserPersonalData::getDisplayName).filter(n -> !n.isBlank()).orElse(ERASED);
    }

    /** The e-mail address sealed in an InviteePersonalData, or "an erased address". */
    public String inviteeEmail(byte[] sealed) {
        if (sealed == null) {
            return "someone";
        }
        try {
            return vault.open(Sealed.parseFrom(sealed), InviteePersonalData.parser())
                    .map(InviteePersonalData::getEmail).orElse("an erased address");
        } catch (InvalidProtocolBufferException e) {
            return "someone";
        }
    }

    private java.util.Optional<UserPersonalData> open(byte[] sealed) {
        if (sealed == null) {
            return java.util.Optional.empty();
        }
        try {
            return vault.open(Sealed.parseFrom(sealed), UserPersonalData.parser());
        } catch (InvalidProtocolBufferException e) {
            return java.util.Optional.empty();
        }
    }
}
