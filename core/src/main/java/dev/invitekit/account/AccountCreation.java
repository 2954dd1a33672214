package dev.invitekit.account;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.signup.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Accounts#create(NewAccount)} (A1–A4). Creating an account never makes it usable at
 * once: the founder proves by mail that the address is theirs first (A3), with
 * {@link Accounts#confirmFounder(Token, Password)}.
 */
public sealed interface AccountCreation {

  /**
   * The sign-up passed every check and a confirmation mail went to the founder's address (A3). Until the
   * founder follows its link ({@link Accounts#confirmFounder(Token, Password)}) before {@code expiresAt},
   * neither the identity nor the account can be used, and the address stays free for its real owner. Holds
   * no token: the token is only in the mail.
   *
   * @param founderEmail the address the confirmation mail went to
   * @param expiresAt when the confirmation link stops working; the sign-up is then discarded
   * @param delivery what happened to the mail on the first attempt (the outbox retries failures)
   */
  record ConfirmationSent(EmailAddress founderEmail, Instant expiresAt, DeliveryStatus delivery)
      implements AccountCreation {
    /** Requires every component. */
    public ConfirmationSent {
      Objects.requireNonNull(founderEmail, "founderEmail");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(delivery, "delivery");
    }
  }

  /** Nothing was created; every problem, field by field (S5). */
  record Rejected(List<FieldProblem> problems) implements AccountCreation {
    /** Copies the problems. */
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Nothing was created or sent: too many confirmation mails went to this address lately (at most
   * {@code Accounts.CONFIRMATIONS_PER_ADDRESS_PER_DAY} a day), so that nobody can use account creation to
   * flood someone's mailbox.
   *
   * @param retryAfter how long until another confirmation mail may go to the address
   */
  record RateLimited(Duration retryAfter) implements AccountCreation {
    /** Requires the duration. */
    public RateLimited {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** A sentence for the founder. */
    public String message() {
      return "Several confirmation emails were sent to this address already. Use the latest one, or try again later.";
    }
  }
}
