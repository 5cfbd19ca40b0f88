package io.eventsaas.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.ContractDescriptors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The build's compatibility gate: today's contracts against the descriptor set of the last release, committed in
 * {@code contracts/src/compat/<version>.binpb}. How to evolve contracts and cut a new baseline: docs/contracts.md.
 */
@DisplayName("The contracts stay compatible with the last release")
class ContractsCompatibilityTest {

    static final Path BASELINES = Path.of("src/compat");

    @Test
    @DisplayName("given the last release's descriptors, when compared with today's, then no change breaks them")
    void compatibleWithLastRelease() throws IOException {
        Path baseline = lastRelease();

        List<String> problems = CompatibilityChecker.check(ContractDescriptors.read(baseline),
                ContractDescriptors.current());

        assertThat(problems)
                .withFailMessage(() -> "The contracts break compatibility with " + baseline.getFileName()
                        + " (see docs/contracts.md):\n  " + String.join("\n  ", problems))
                .isEmpty();
    }

    /** The highest version among src/compat/*.binpb (versions compared number by number). */
    static Path lastRelease() throws IOException {
        try (Stream<Path> files = Files.list(BASELINES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".binpb"))
                    .max(Comparator.comparing(ContractsCompatibilityTest::version, ContractsCompatibilityTest::compare))
                    .orElseThrow(() -> new IllegalStateException("no baseline in " + BASELINES.toAbsolutePath()));
        }
    }

    private static int[] version(Path file) {
        String name = file.getFileName().toString();
        return Stream.of(name.substring(0, name.length() - ".binpb".length()).split("\\."))
                .mapToInt(Integer::parseInt).toArray();
    }

    private static int compare(int[] a, int[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
