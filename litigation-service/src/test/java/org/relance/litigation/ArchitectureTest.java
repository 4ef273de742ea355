package org.relance.litigation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.relance.testkit.LayerRules;

@AnalyzeClasses(
    packages = "org.relance.litigation",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests layer_rules = ArchTests.in(LayerRules.class);

  @Test
  void no_platform_table_is_read_outside_the_platform() {
    LayerRules.assertNoPlatformTableIn(Path.of("src/main/java"));
  }
}
