package dev.invitekit.examples.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.spi.mail.MailMessage;
import org.junit.jupiter.api.Test;

/** Every mail kind has the label of what its link does (L2, L3, I6, I11, A3, S6). */
class DevInboxLabelsTest {

  @Test
  void eachKindSaysWhatItsLinkDoes_L2_L3_I6() {
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.INVITATION)).isEqualTo("Create account");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.REMINDER)).isEqualTo("Create account");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.LINK_VERIFICATION)).isEqualTo("Confirm your email");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.ALREADY_MEMBER)).isEqualTo("Sign in");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.WELCOME)).isEqualTo("Sign in");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.LINK_SHARE)).isEqualTo("Join");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.INVITER_NOTICE)).isEqualTo("Open the app");
    assertThat(DevInboxController.actionLabel(MailMessage.Kind.FOUNDER_CONFIRMATION)).isEqualTo("Confirm your address");
  }
}
