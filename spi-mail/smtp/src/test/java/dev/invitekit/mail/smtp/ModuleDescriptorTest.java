package dev.invitekit.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the dev.invitekit.mail.smtp module")
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() throws Exception {
    Path classes = Path.of(SmtpMailSender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor)
        .filter(d -> d.name().equals("dev.invitekit.mail.smtp")).findFirst()
        .orElseThrow(() -> new AssertionError("no module-info.class in " + classes));
  }

  @Test
  @DisplayName("exports exactly its one package, unqualified, opens nothing, and requires core transitively")
  void descriptorShape() throws Exception {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.invitekit.mail.smtp");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(d.opens()).isEmpty();
    assertThat(d.requires()).filteredOn(r -> r.name().equals("dev.invitekit.core")).singleElement()
        .satisfies(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
        .contains("jakarta.mail", "org.eclipse.angus.mail");
  }
}
