package dev.invitekit.internal.contacts;

import dev.invitekit.contacts.Contact;
import dev.invitekit.id.UserId;
import dev.invitekit.member.Role;
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
      // A guest's YOUR_GUEST contacts are whoever they invited, company members too (C2): few, found by role.
      // Most members share a handful of inviters (the admins), so the last inviter found to be no guest is
      // remembered: comparing two ids costs less than a probe of the guests' map for each member.
      @Nullable UserId noGuest = null;
      for (DirectoryEntry e : members) {
        UserId inviter = e.invitedBy();
        if (inviter == null || !e.role().isCompanyMember() || inviter.equals(noGuest)) {
          continue;
        }
        if (guests.containsKey(inviter)) {
          extras.computeIfAbsent(inviter, i -> new ArrayList<>()).add(contact(e, Contact.Relation.YOUR_GUEST));
        } else {
          noGuest = inviter;
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
    int viewerAt = guest ? -1 : indexInCompany(viewerId);
    if (!guest && viewerAt < 0) {
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
    return List.of(merge(guest ? NONE : company, viewerAt, extra));
  }

  /**
   * The sorted {@code directory} without its entry at {@code skip} (none when negative), and the sorted
   * {@code extra}, in one sorted array: each extra contact goes after the directory's contacts that do not sort
   * after it, found by binary search, and the runs between are copied whole. A viewer has few extra contacts, so
   * a read compares a few dozen pairs instead of one per directory contact.
   */
  private static Contact[] merge(Contact[] directory, int skip, List<Contact> extra) {
    Contact[] out = new Contact[directory.length - (skip >= 0 ? 1 : 0) + extra.size()];
    int n = 0;
    int from = 0;
    for (Contact c : extra) {
      int to = after(directory, from, c);
      n = copy(directory, from, to, skip, out, n);
      out[n++] = c;
      from = to;
    }
    copy(directory, from, directory.length, skip, out, n);
    return out;
  }

  /** The first index at or after {@code from} whose contact sorts after {@code c}: ties stay before it. */
  private static int after(Contact[] sorted, int from, Contact c) {
    int low = from;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ContactService.ORDER.compare(sorted[mid], c) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Copies {@code source[from, to)} without index {@code skip} to {@code out} at {@code n}; answers the new end. */
  private static int copy(Contact[] source, int from, int to, int skip, Contact[] out, int n) {
    if (skip >= from && skip < to) {
      System.arraycopy(source, from, out, n, skip - from);
      System.arraycopy(source, skip + 1, out, n + skip - from, to - skip - 1);
      return n + to - from - 1;
    }
    System.arraycopy(source, from, out, n, to - from);
    return n + to - from;
  }

  /** The index of the admin or co-worker {@code userId}, found by a scan, or -1: one per read. */
  private int indexInCompany(UserId userId) {
    for (int i = 0; i < company.length; i++) {
      if (company[i].userId().equals(userId)) {
        return i;
      }
    }
    return -1;
  }

  /** The admin or co-worker {@code userId}, or {@code null}. */
  /** The role this directory holds {@code userId} in (a guest's is {@link Role#GUEST}), or null when not a member. */
  @Nullable Role roleOf(UserId userId) {
    Contact guest = guests.get(userId);
    if (guest != null) {
      return guest.role();
    }
    Contact member = inCompany(userId);
    return member == null ? null : member.role();
  }

  private @Nullable Contact inCompany(UserId userId) {
    int at = indexInCompany(userId);
    return at < 0 ? null : company[at];
  }

  private static Contact contact(DirectoryEntry e, Contact.Relation relation) {
    return new Contact(e.userId(), e.name(), e.email(), e.role(), relation);
  }
}
