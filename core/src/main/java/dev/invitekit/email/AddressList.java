package dev.invitekit.email;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pasted list of addresses (I1): entries separated by semicolons or commas, newlines and spaces
 * tolerated; each a bare address or a named mailbox such as {@code "Lee, Ann" <ann@example.org>}.
 * A separator inside quotes or angle brackets does not split. Parsing never throws.
 *
 * @param entries every non-empty entry in input order, valid or not
 */
public record AddressList(List<AddressEntry> entries) {

  /** Copies the entries. */
  public AddressList {
    entries = List.copyOf(entries);
  }

  /** Parses one pasted string (I1); never throws, whatever the input. */
  public static AddressList parse(String input) {
    Objects.requireNonNull(input, "input");
    return new AddressList(AddressListSyntax.split(input));
  }

  /**
   * The entries with duplicate addresses collapsed to their first occurrence (I3, case-insensitive);
   * unusable entries are kept, each once per distinct input.
   */
  public AddressList distinct() {
    Set<Object> seen = new HashSet<>();
    List<AddressEntry> kept = new ArrayList<>();
    for (AddressEntry entry : entries) {
      Object key = entry instanceof AddressEntry.Mailbox m ? m.address() : entry.input();
      if (seen.add(key)) {
        kept.add(entry);
      }
    }
    return new AddressList(kept);
  }

  /**
   * Formats the valid mailboxes back into one string, {@code "Name" <address>} or a bare address, joined
   * by {@code "; "}; parsing the result gives the same mailboxes.
   */
  public String format() {
    return AddressListSyntax.format(entries);
  }
}
