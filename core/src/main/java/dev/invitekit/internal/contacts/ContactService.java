package dev.invitekit.internal.contacts;

import dev.invitekit.contacts.Contact;
import dev.invitekit.contacts.Contacts;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Who sees whom (C1–C3). */
public final class ContactService implements Contacts {
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
    List<Directory.Entry> members = directory.members(accountId, this::load);
    Optional<Directory.Entry> viewer = members.stream().filter(e -> e.user().id().equals(viewerId)).findFirst();
    if (viewer.isEmpty()) {
      return List.of();
    }
    List<Contact> visible = new ArrayList<>();
    if (viewer.get().membership().role() == Role.GUEST) {
      // C2: a guest sees who invited them, and the guests they invited themselves; never the directory.
      UserId inviter = viewer.get().membership().invitedBy();
      for (Directory.Entry e : members) {
        if (e.user().id().equals(viewerId)) {
          continue;
        }
        if (e.user().id().equals(inviter)) {
          visible.add(contact(e, Contact.Relation.INVITED_YOU));
        } else if (viewerId.equals(e.membership().invitedBy())) {
          visible.add(contact(e, Contact.Relation.YOUR_GUEST));
        }
      }
    } else {
      for (Directory.Entry e : members) {
        if (e.user().id().equals(viewerId)) {
          continue;
        }
        if (e.membership().role().isCompanyMember()) {
          visible.add(contact(e, Contact.Relation.DIRECTORY));
        } else if (viewerId.equals(e.membership().invitedBy())) {
          visible.add(contact(e, Contact.Relation.YOUR_GUEST));
        }
      }
    }
    visible.sort(Comparator.comparing(Contact::name).thenComparing(c -> c.email().toString()));
    return List.copyOf(visible);
  }

  private static Contact contact(Directory.Entry e, Contact.Relation relation) {
    return new Contact(e.user().id(), e.user().displayName(), e.user().email(), e.membership().role(), relation);
  }

  private List<Directory.Entry> load(AccountId accountId) {
    return work.tx("reading the directory", tx -> tx.memberships().ofAccount(accountId).stream()
        .map(m -> tx.users().find(m.userId()).map(u -> new Directory.Entry(m, u.user())))
        .flatMap(Optional::stream)
        .toList());
  }
}
