package dev.invitekit.mail.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the dev.invitekit.mail.memory module")
class ModuleDescriptorTest {

  // Tests run on the class path, so read the compiled descriptor from the main classes' location.
  private static ModuleDescriptor descriptor() throws Exception {
    Path classes = Path.of(RecordingMailbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(classes).findAll().stream()
        .map(ModuleReference::descriptor)
        .filter(d -> d.name().equals("dev.invitekit.mail.memory"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no module-info.class in " + classes));
  }

  @Test
  @DisplayName("exports exactly its one package, unqualified")
  void exportsExactlyItsPackage() throws Exception {
    assertThat(descriptor().exports())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.source()).isEqualTo("dev.invitekit.mail.memory");
          assertThat(e.isQualified()).isFalse();
        });
  }

  @Test
  @DisplayName("requires core transitively, so users of the mailbox can read MailMessage and EmailAddress")
  void requiresCoreTransitively() throws Exception {
    assertThat(descriptor().requires())
        .filteredOn(r -> !r.name().equals("java.base"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.name()).isEqualTo("dev.invitekit.core");
          assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
  }

  @Test
  @DisplayName("opens nothing to reflection")
  void opensNothing() throws Exception {
    assertThat(descriptor().opens()).isEmpty();
    assertThat(descriptor().isOpen()).isFalse();
  }
}
