package org.relance.dunning;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.relance.testkit.LayerRules;

@AnalyzeClasses(
    packages = "org.relance.dunning",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule every_class_in_a_layer = LayerRules.EVERY_CLASS_IN_A_LAYER;
  @ArchTest static final ArchRule layers = LayerRules.LAYERS;
  @ArchTest static final ArchRule sql_only_in_persistence = LayerRules.SQL_ONLY_IN_PERSISTENCE;
  @ArchTest static final ArchRule domain_is_pure = LayerRules.DOMAIN_IS_PURE;

  @Test
  void no_platform_table_is_read_outside_the_platform() {
    LayerRules.assertNoPlatformTableIn(Path.of("src/main/java"));
  }
}
