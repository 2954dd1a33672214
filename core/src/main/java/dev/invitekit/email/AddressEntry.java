package dev.invitekit.email;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One entry of a pasted address list (I1): a mailbox, or text that is not one. */
public sealed interface AddressEntry {

  /** The entry as the person typed it, trimmed. */
  String input();

  /**
   * A valid mailbox.
   *
   * @param input the entry as typed
   * @param displayName the name given with it ({@code Ann Lee <ann@example.com>}), unquoted, or null
   * @param address the normalized address
   */
  record Mailbox(String input, @Nullable String displayName, EmailAddress address) implements AddressEntry {
    /** Requires input and address. */
    public Mailbox {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * An entry that is not a valid mailbox.
   *
   * @param input the entry as typed
   * @param problem why it is not valid
   */
  record Unusable(String input, AddressProblem problem) implements AddressEntry {
    /** Requires both. */
    public Unusable {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(problem, "problem");
    }
  }
}
