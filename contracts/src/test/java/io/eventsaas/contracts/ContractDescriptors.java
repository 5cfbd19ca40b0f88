package io.eventsaas.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads descriptor sets: the one protoc writes at build time (with the .proto comments, see contracts/pom.xml)
 * and the baselines of released contracts in src/compat. Our custom options (ContractOptions) are parsed as
 * extensions, not left as unknown fields.
 */
public final class ContractDescriptors {

    /** Where the build puts the current contracts' descriptor set (a resource of the contracts jar). */
    public static final String RESOURCE = "/eventsaas/contracts.binpb";

    private ContractDescriptors() {
    }

    public static FileDescriptorSet current() {
        try (InputStream in = ContractDescriptors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: protoc writes it in generate-sources "
                        + "(outputDescriptorFile in contracts/pom.xml)");
            }
            return FileDescriptorSet.parseFrom(in, registry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FileDescriptorSet read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return FileDescriptorSet.parseFrom(in, registry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExtensionRegistry registry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        ContractOptions.registerAllExtensions(registry);
        return registry;
    }
}
