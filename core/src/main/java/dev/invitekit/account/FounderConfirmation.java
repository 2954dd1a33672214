package dev.invitekit.account;

import dev.invitekit.member.User;
import java.util.Objects;

/** The outcome of {@link Accounts#confirmFounder(String)}: the founder proving the address by mail (A3, U1). */
public sealed interface FounderConfirmation {

  /**
   * The founder proved the address: the identity can sign in, and the account is usable with the founder
   * as its first admin (A3).
   */
  record Confirmed(Account account, User founder) implements FounderConfirmation {
    /** Requires both. */
    public Confirmed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(founder, "founder");
    }
  }

  /** The token cannot be used; nothing changed. */
  record Unusable(Status status) implements FounderConfirmation {
    /** Requires the status. */
    public Unusable {
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The address got an identity of its own (its owner signed up from an invitation, or confirmed another
   * account) since this sign-up was made; nothing was created. The owner signs in with that identity.
   */
  record AddressTaken() implements FounderConfirmation {
    /** A sentence for the founder. */
    public String message() {
      return "This address already has an identity. Sign in with it; this sign-up was not used.";
    }
  }

  /** Why a confirmation token cannot be used, each with what to do next. Codes are stable. */
  enum Status {
    /** No founder sign-up has this token (mistyped, or its sign-up was discarded long after it expired). */
    UNKNOWN("This confirmation link is not valid. Create the account again to get a new one."),
    /** The sign-up was not confirmed in time and was discarded. */
    EXPIRED("This confirmation link has expired. Create the account again to get a new one."),
    /** The sign-up was already confirmed. */
    ALREADY_USED("This address is already confirmed. Sign in."),
    /** Too many unknown or malformed tokens were tried (SPEC §5); the token was not looked up. */
    TOO_MANY_ATTEMPTS("Too many links were tried. Wait a while and try again.");

    private final String whatToDo;

    Status(String whatToDo) {
      this.whatToDo = whatToDo;
    }

    /** A sentence for the founder saying what happened and what to do next. */
    public String whatToDo() {
      return whatToDo;
    }
  }
}
