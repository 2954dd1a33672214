package dev.invitekit.onstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.spi.mail.DeliveryResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 11 (SPEC §5): a message the outbox gave up on still shows its recipient in the operator
 * views, after its payload (which holds the link) was erased. Runs on every store:
 * {@code InMemoryGivenUpRecipientTest}, and the JDBC module's H2 and PostgreSQL tests.
 */
public abstract class GivenUpRecipientKit extends KitOnAnyStore {

  @Test
  @DisplayName("§5: a given-up invitation mail shows whom it was for in givenUp() and find(), never its link")
  void givenUpMessageShowsItsRecipient_issue9_11() {
    kit = builder().mail(message -> message.to().toString().startsWith("nobody")
        ? DeliveryResult.Failed.permanentFailure("550 5.1.1 no such user")
        : new DeliveryResult.Delivered(message.messageId())).build();
    createAcme();

    invite(adaId, "nobody@acme.com");

    assertThat(kit.mail().givenUp(acmeId)).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(OutboxMessage.Status.GAVE_UP);
      assertThat(m.to()).isEqualTo(EmailAddress.parse("nobody@acme.com"));
      assertThat(kit.mail().find(m.messageId())).hasValueSatisfying(found ->
          assertThat(found.to()).isEqualTo(EmailAddress.parse("nobody@acme.com")));
      assertThat(m.toString()).doesNotContain("/invitations/");
    });
  }
}
