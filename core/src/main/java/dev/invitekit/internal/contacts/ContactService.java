package dev.invitekit.internal.contacts;

import dev.invitekit.contacts.Contact;
import dev.invitekit.contacts.Contacts;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.Membership;
import dev.invitekit.spi.store.DirectoryEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Who sees whom (C1–C3). */
public final class ContactService implements Contacts {
  /**
   * By name, then by address ({@code local@domain} as text), compared without building the address's text:
   * an account of 50,000 members has many namesakes, and a sort compares each pair more than once.
   */
  static final Comparator<Contact> ORDER = ContactService::compare;

  private final UnitOfWork work;
  private final Directory directory;

  /** Contacts read through the cached directory (C3), each account's arranged once ({@link AccountDirectory}). */
  public ContactService(UnitOfWork work, Directory directory) {
    this.work = work;
    this.directory = directory;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Who may look, and as what, is read from the store on every call (U7, C2): the cache (C3) holds what the
   * directory shows, never whether the viewer may see it. A member removed or made a guest on another node sees
   * nothing, or a guest's view, at once; where the cached directory holds the viewer in another role than the
   * store, or not at all, it is read again (review 16).
   */
  @Override
  public List<Contact> visibleTo(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    Optional<Membership> viewer = work.tx("checking who reads the directory",
        tx -> tx.memberships().find(accountId, viewerId));
    if (viewer.isEmpty()) {
      return List.of();
    }
    AccountDirectory cached = directory.of(accountId, this::load);
    if (cached.roleOf(viewerId) != viewer.get().role()) {
      directory.invalidate(accountId);
      cached = directory.of(accountId, this::load);
    }
    return cached.visibleTo(viewerId);
  }

  /** {@link #ORDER}: by name, then by the address's text. */
  private static int compare(Contact a, Contact b) {
    int byName = a.name().compareTo(b.name());
    return byName != 0 ? byName : compareAsText(a.email(), b.email());
  }

  /** {@code a.toString().compareTo(b.toString())}, without building either string. */
  static int compareAsText(EmailAddress a, EmailAddress b) {
    int byLocal = compareThenAt(a.localPart(), b.localPart());
    if (byLocal != 0) {
      return byLocal;
    }
    // equal local parts, or a quoted local part holding '@' where the other ends: only the text can tell
    return a.localPart().length() == b.localPart().length() ? a.domain().compareTo(b.domain())
        : a.toString().compareTo(b.toString());
  }

  /**
   * Compares {@code a + "@"} with {@code b + "@"} up to the end of the shorter local part: equal local parts
   * give 0 (the domains decide); otherwise the first differing character decides, where the end of a local
   * part counts as '@'.
   */
  private static int compareThenAt(String a, String b) {
    // String.compareTo is an intrinsic (vector instructions over long common prefixes, which namesakes' addresses
    // have). It answers the length difference only when one is a prefix of the other, or by coincidence of a
    // character difference: any other answer is the first differing character's, which is this one's too.
    int byText = a.compareTo(b);
    int byLength = a.length() - b.length();
    if (byText != byLength || byLength == 0) {
      return byText;
    }
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x - y;
      }
    }
    if (a.length() == b.length()) {
      return 0;
    }
    // one local part is a prefix of the other: '@' stands against the longer one's next character
    return a.length() < b.length() ? '@' - b.charAt(common) : a.charAt(common) - '@';
  }

  private List<DirectoryEntry> load(AccountId accountId) {
    return work.tx("reading the directory", tx -> tx.directoryOf(accountId));
  }
}
