package io.eventsaas.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.eventsaas.platform.testing.ArchitectureLaws;

/** The laws of docs/architecture.md that bind this service, checked on its compiled classes. */
@AnalyzeClasses(packages = "io.eventsaas.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class LawsTest {

    @ArchTest
    static final ArchRule owns_its_code = ArchitectureLaws.ownsItsCode("io.eventsaas.gateway");

    @ArchTest
    static final ArchRule appends_no_events = ArchitectureLaws.appendsNoEvents("io.eventsaas.gateway");

    @ArchTest
    static final ArchRule owns_no_database = ArchitectureLaws.ownsNoDatabase("io.eventsaas.gateway");
}
