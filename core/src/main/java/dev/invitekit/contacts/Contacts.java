package dev.invitekit.contacts;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.List;

/** Who sees whom in an account (C1–C3). */
public interface Contacts {

  /**
   * The people {@code viewerId} can see in the account, sorted by name, without the viewer: admins and
   * co-workers see the company directory and the guests they invited (C1, C2); a guest sees the member
   * who invited them (C2); a non-member sees no one. Whether and as what the viewer may look is read from the
   * store on every call (U7): a member removed or made a guest on any node sees no one, or a guest's view, at
   * once. The directory's content may be cached; a change made on this node is visible at once and on others
   * within the configured bound (C3).
   */
  List<Contact> visibleTo(UserId viewerId, AccountId accountId);
}
