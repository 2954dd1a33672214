package dev.invitekit.internal.contacts;

import dev.invitekit.contacts.Contact;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.DirectoryEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One account's members as the directory cache holds them (C1–C3), arranged once so that every read only
 * filters: the company directory (admins and co-workers, C1) already built as {@link Contact}s and sorted, and
 * the members whom someone's read may add beside it (C2: the guests each member invited, and anyone a guest
 * invited) grouped by their inviter, each group sorted. A read copies the sorted directory without the viewer
 * and merges in the viewer's few extra contacts, so its cost is the size of its answer, never a sort of it.
 * Immutable: every read of a cached account shares it, and a membership change replaces it (C3).
 */
final class AccountDirectory {
  private static final Contact[] NONE = {};

  /** The admins and co-workers as DIRECTORY contacts, in {@link ContactService#ORDER}. */
  private final Contact[] company;
  /** The guests, each as a YOUR_GUEST contact. */
  private final Map<UserId, Contact> guests;
  /** Who invited each guest who has an inviter. */
  private final Map<UserId, UserId> guestInviters;
  /**
   * Each user who invited someone who can be their YOUR_GUEST contact (a guest, or anyone a guest invited),
   * with those members as YOUR_GUEST contacts in {@link ContactService#ORDER}; no one else is ever an extra
   * contact of theirs.
   */
  private final Map<UserId, List<Contact>> extrasByInviter;

  private AccountDirectory(Contact[] company, Map<UserId, Contact> guests, Map<UserId, UserId> guestInviters,
      Map<UserId, List<Contact>> extrasByInviter) {
    this.company = company;
    this.guests = guests;
    this.guestInviters = guestInviters;
    this.extrasByInviter = extrasByInviter;
  }

  /**
   * Arranges an account's members, in any order, for reading. It keeps only what a read shows or filters by:
   * the cache holds it for its whole time, and a collection copies what is live.
   */
  static AccountDirectory of(Collection<DirectoryEntry> members) {
    Contact[] company = new Contact[members.size()];
    int companySize = 0;
    Map<UserId, Contact> guests = new HashMap<>();
    Map<UserId, UserId> guestInviters = new HashMap<>();
    Map<UserId, List<Contact>> extras = new HashMap<>();
    for (DirectoryEntry e : members) {
      if (e.role().isCompanyMember()) {
        company[companySize++] = contact(e, Contact.Relation.DIRECTORY);
      } else {
        Contact guest = contact(e, Contact.Relation.YOUR_GUEST);
        guests.put(guest.userId(), guest);
        UserId inviter = e.invitedBy();
        if (inviter != null) {
          guestInviters.put(guest.userId(), inviter);
          extras.computeIfAbsent(inviter, i -> new ArrayList<>()).add(guest);
        }
      }
    }
    company = Arrays.copyOf(company, companySize);
    // TimSort: a store that answers in this order already (the JDBC stores do) costs one comparison a member
    Arrays.sort(company, ContactService.ORDER);
    if (!guests.isEmpty()) {
      // A guest's YOUR_GUEST contacts are whoever they invited, company members too (C2): few, found by role
      for (DirectoryEntry e : members) {
        UserId inviter = e.invitedBy();
        if (inviter != null && e.role().isCompanyMember() && guests.containsKey(inviter)) {
          extras.computeIfAbsent(inviter, i -> new ArrayList<>()).add(contact(e, Contact.Relation.YOUR_GUEST));
        }
      }
    }
    for (List<Contact> group : extras.values()) {
      group.sort(ContactService.ORDER);
    }
    return new AccountDirectory(company, guests, guestInviters, extras);
  }

  /** What {@link ContactService#visibleTo} answers for {@code viewerId}: see there. */
  List<Contact> visibleTo(UserId viewerId) {
    // C2: a guest sees who invited them, and the guests they invited themselves; never the directory.
    boolean guest = guests.containsKey(viewerId);
    if (!guest && inCompany(viewerId) == null) {
      return List.of();
    }
    @Nullable UserId inviter = guest ? guestInviters.get(viewerId) : null;
    List<Contact> extra = new ArrayList<>();
    if (inviter != null && !inviter.equals(viewerId)) {
      Contact invitedYou = guests.containsKey(inviter) ? guests.get(inviter) : inCompany(inviter);
      if (invitedYou != null) {
        extra.add(new Contact(invitedYou.userId(), invitedYou.name(), invitedYou.email(), invitedYou.role(),
            Contact.Relation.INVITED_YOU));
      }
    }
    for (Contact yourGuest : extrasByInviter.getOrDefault(viewerId, List.of())) {
      UserId id = yourGuest.userId();
      // the viewer themselves, their inviter (INVITED_YOU already) and, for a company member, the company
      // members they invited (DIRECTORY already) are no YOUR_GUEST contact
      if (!id.equals(viewerId) && !(guest ? id.equals(inviter) : yourGuest.role().isCompanyMember())) {
        extra.add(yourGuest);
      }
    }
    // sorted already but for the inviter: TimSort takes one pass over a sorted list
    extra.sort(ContactService.ORDER);
    return List.of(merge(guest ? NONE : company, viewerId, extra));
  }

  /** The sorted {@code directory} without the viewer, and the sorted {@code extra}, in one sorted array. */
  private static Contact[] merge(Contact[] directory, UserId viewerId, List<Contact> extra) {
    Contact[] out = new Contact[directory.length + extra.size()];
    int n = 0;
    int x = 0;
    for (Contact c : directory) {
      if (c.userId().equals(viewerId)) {
        continue;
      }
      while (x < extra.size() && ContactService.ORDER.compare(extra.get(x), c) < 0) {
        out[n++] = extra.get(x++);
      }
      out[n++] = c;
    }
    while (x < extra.size()) {
      out[n++] = extra.get(x++);
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The admin or co-worker {@code userId}, found by a scan: one per read, less than copying the answer. */
  private @Nullable Contact inCompany(UserId userId) {
    for (Contact c : company) {
      if (c.userId().equals(userId)) {
        return c;
      }
    }
    return null;
  }

  private static Contact contact(DirectoryEntry e, Contact.Relation relation) {
    return new Contact(e.userId(), e.name(), e.email(), e.role(), relation);
  }
}
