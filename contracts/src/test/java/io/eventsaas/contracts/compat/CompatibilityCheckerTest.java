package io.eventsaas.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compatibility checker, on small hand-built contracts")
class CompatibilityCheckerTest {

    /** Release 1: message Registered { string user_id = 1; string email = 2; repeated string tags = 3; } */
    private static final DescriptorProto REGISTERED = DescriptorProto.newBuilder().setName("Registered")
            .addField(field("user_id", 1, Type.TYPE_STRING))
            .addField(field("email", 2, Type.TYPE_STRING))
            .addField(field("tags", 3, Type.TYPE_STRING).setLabel(Label.LABEL_REPEATED))
            .build();

    private static final EnumDescriptorProto ROLE = EnumDescriptorProto.newBuilder().setName("Role")
            .addValue(value("ROLE_UNSPECIFIED", 0)).addValue(value("OWNER", 1)).addValue(value("MEMBER", 2))
            .build();

    private static final ServiceDescriptorProto USERS = ServiceDescriptorProto.newBuilder().setName("Users")
            .addMethod(MethodDescriptorProto.newBuilder().setName("Register")
                    .setInputType(".acme.Register").setOutputType(".acme.Registration"))
            .build();

    private static final FileDescriptorSet RELEASE_1 = set(file -> file);

    @Test
    @DisplayName("given the same contracts, then nothing is reported")
    void same() {
        assertThat(CompatibilityChecker.check(RELEASE_1, RELEASE_1)).isEmpty();
    }

    @Test
    @DisplayName("given a new field, a new message and a new rpc, then nothing is reported")
    void additionsAreFine() {
        FileDescriptorSet next = set(file -> file
                .setMessageType(0, REGISTERED.toBuilder().addField(field("display_name", 4, Type.TYPE_STRING)))
                .addMessageType(DescriptorProto.newBuilder().setName("Renamed"))
                .setService(0, USERS.toBuilder().addMethod(MethodDescriptorProto.newBuilder().setName("Get")
                        .setInputType(".acme.Get").setOutputType(".acme.Details"))));

        assertThat(CompatibilityChecker.check(RELEASE_1, next)).isEmpty();
    }

    @Test
    @DisplayName("given a field removed without reserving it, then it is reported; reserved number and name, then not")
    void removedField() {
        FileDescriptorSet removed = set(file -> file.setMessageType(0, REGISTERED.toBuilder().removeField(1)));
        FileDescriptorSet onlyNumberReserved = set(file -> file.setMessageType(0, REGISTERED.toBuilder().removeField(1)
                .addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(2).setEnd(3))));
        FileDescriptorSet reserved = set(file -> file.setMessageType(0, REGISTERED.toBuilder().removeField(1)
                .addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(2).setEnd(3))
                .addReservedName("email")));

        assertThat(CompatibilityChecker.check(RELEASE_1, removed))
                .containsExactly("field acme.Registered.email = 2 was removed without `reserved 2; reserved \"email\";`");
        assertThat(CompatibilityChecker.check(RELEASE_1, onlyNumberReserved)).hasSize(1);
        assertThat(CompatibilityChecker.check(RELEASE_1, reserved)).isEmpty();
    }

    @Test
    @DisplayName("given a number reused for another name, then it is reported")
    void reusedNumber() {
        FileDescriptorSet next = set(file -> file.setMessageType(0, REGISTERED.toBuilder()
                .setField(1, field("email_address", 2, Type.TYPE_STRING))));

        assertThat(CompatibilityChecker.check(RELEASE_1, next)).singleElement().asString()
                .contains("Registered.email = 2").contains("now names `email_address`");
    }

    @Test
    @DisplayName("given a field's type or label changed, or a field renumbered, then each is reported")
    void retyped() {
        FileDescriptorSet retyped = set(file -> file.setMessageType(0, REGISTERED.toBuilder()
                .setField(0, field("user_id", 1, Type.TYPE_BYTES))));
        FileDescriptorSet relabelled = set(file -> file.setMessageType(0, REGISTERED.toBuilder()
                .setField(2, field("tags", 3, Type.TYPE_STRING))));
        FileDescriptorSet renumbered = set(file -> file.setMessageType(0, REGISTERED.toBuilder()
                .setField(1, field("email", 7, Type.TYPE_STRING))));

        assertThat(CompatibilityChecker.check(RELEASE_1, retyped))
                .containsExactly("field acme.Registered.user_id = 1 changed type from string to bytes");
        assertThat(CompatibilityChecker.check(RELEASE_1, relabelled))
                .containsExactly("field acme.Registered.tags = 3 changed label from repeated to singular");
        assertThat(CompatibilityChecker.check(RELEASE_1, renumbered)).singleElement().asString()
                .contains("moved to number 7");
    }

    @Test
    @DisplayName("given a reserved number taken again in the next release, then it is reported")
    void reservedNumberReused() {
        FileDescriptorSet release2 = set(file -> file.setMessageType(0, REGISTERED.toBuilder().removeField(1)
                .addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(2).setEnd(3))
                .addReservedName("email")));
        FileDescriptorSet release3 = set(file -> file.setMessageType(0, REGISTERED.toBuilder()
                .setField(1, field("mail", 2, Type.TYPE_STRING))));

        assertThat(CompatibilityChecker.check(release2, release3)).singleElement().asString()
                .contains("takes a number the last release reserved");
    }

    @Test
    @DisplayName("given a message, an enum value or an rpc removed, or an enum value renumbered, then each is reported")
    void removedTypes() {
        FileDescriptorSet noMessage = set(file -> file.removeMessageType(0));
        FileDescriptorSet noValue = set(file -> file.setEnumType(0, ROLE.toBuilder().removeValue(2)));
        FileDescriptorSet renumberedValue = set(file -> file.setEnumType(0, ROLE.toBuilder()
                .setValue(2, value("MEMBER", 3))));
        FileDescriptorSet noRpc = set(file -> file.setService(0, USERS.toBuilder().clearMethod()));
        FileDescriptorSet otherReply = set(file -> file.setService(0, USERS.toBuilder()
                .setMethod(0, USERS.getMethod(0).toBuilder().setOutputType(".acme.Other"))));

        assertThat(CompatibilityChecker.check(RELEASE_1, noMessage)).singleElement().asString()
                .startsWith("message acme.Registered was removed");
        assertThat(CompatibilityChecker.check(RELEASE_1, noValue))
                .containsExactly("enum value acme.Role.MEMBER = 2 was removed without reserving its number and name");
        assertThat(CompatibilityChecker.check(RELEASE_1, renumberedValue))
                .containsExactly("enum value acme.Role.MEMBER = 2 was renumbered to 3");
        assertThat(CompatibilityChecker.check(RELEASE_1, noRpc)).singleElement().asString()
                .startsWith("rpc acme.Users.Register was removed");
        assertThat(CompatibilityChecker.check(RELEASE_1, otherReply))
                .containsExactly("rpc acme.Users.Register changed its reply from .acme.Registration to .acme.Other");
    }

    @Test
    @DisplayName("given a package or java_package changed, then it is reported")
    void packages() {
        FileDescriptorSet javaPackage = set(file -> file.setOptions(FileOptions.newBuilder().setJavaPackage("com.other")));
        FileDescriptorSet protoPackage = set(file -> file.setPackage("other"));

        assertThat(CompatibilityChecker.check(RELEASE_1, javaPackage))
                .containsExactly("acme/users.proto: java_package changed from io.acme to com.other");
        assertThat(CompatibilityChecker.check(RELEASE_1, protoPackage))
                .contains("acme/users.proto: package changed from acme to other",
                        "message acme.Registered was removed (deprecate it instead: old events still hold it)");
    }

    private static FileDescriptorSet set(UnaryOperator<FileDescriptorProto.Builder> change) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName("acme/users.proto")
                .setPackage("acme").setSyntax("proto3").setOptions(FileOptions.newBuilder().setJavaPackage("io.acme"))
                .addMessageType(REGISTERED).addEnumType(ROLE).addService(USERS);
        return FileDescriptorSet.newBuilder().addFile(change.apply(file)).build();
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static EnumValueDescriptorProto value(String name, int number) {
        return EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number).build();
    }
}
