package dev.invitekit.internal.contacts;

import dev.invitekit.contacts.Contact;
import dev.invitekit.contacts.Contacts;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.StoredMember;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Who sees whom (C1–C3). */
public final class ContactService implements Contacts {
  /**
   * By name, then by address ({@code local@domain} as text), compared without building the address's text:
   * an account of 50,000 members has many namesakes, and a sort compares each pair more than once.
   */
  static final Comparator<Contact> ORDER =
      Comparator.comparing(Contact::name).thenComparing(Contact::email, ContactService::compareAsText);

  private final UnitOfWork work;
  private final Directory directory;

  /** Contacts read through the cached directory (C3). */
  public ContactService(UnitOfWork work, Directory directory) {
    this.work = work;
    this.directory = directory;
  }

  @Override
  public List<Contact> visibleTo(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    List<StoredMember> members = directory.members(accountId, this::load);
    Membership viewer = null;
    for (StoredMember e : members) {
      if (e.user().id().equals(viewerId)) {
        viewer = e.membership();
        break;
      }
    }
    if (viewer == null) {
      return List.of();
    }
    // C2: a guest sees who invited them, and the guests they invited themselves; never the directory.
    boolean guest = viewer.role() == Role.GUEST;
    @Nullable UserId inviter = viewer.invitedBy();
    List<Contact> visible = new ArrayList<>();
    for (StoredMember e : members) {
      UserId id = e.user().id();
      if (id.equals(viewerId)) {
        continue;
      }
      if (guest ? id.equals(inviter) : e.membership().role().isCompanyMember()) {
        visible.add(contact(e, guest ? Contact.Relation.INVITED_YOU : Contact.Relation.DIRECTORY));
      } else if (viewerId.equals(e.membership().invitedBy())) {
        visible.add(contact(e, Contact.Relation.YOUR_GUEST));
      }
    }
    visible.sort(ORDER);
    return List.copyOf(visible);
  }

  private static Contact contact(StoredMember e, Contact.Relation relation) {
    return new Contact(e.user().id(), e.user().displayName(), e.user().email(), e.membership().role(), relation);
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

  private List<StoredMember> load(AccountId accountId) {
    return work.tx("reading the directory", tx -> tx.membersWithUsers(accountId));
  }
}
