package dev.invitekit.examples.webapp.web;

import java.util.List;

/**
 * What the "Invite to ..." menu shows: either the two ways to invite, or why the member may not invite and
 * whom to ask (U6). {@code outcomes} are the last invite's, one per address (I3).
 */
public record InvitePanel(
    String accountName,
    boolean mayInvite,
    String refusal,
    List<String> adminsToAsk,
    String linkUrl,
    String linkProblem,
    String mailto,
    List<Outcome> outcomes,
    String formMessage,
    String addresses,
    boolean open) {

  /** One address's outcome; {@code kind} is {@code ok}, {@code warning} or {@code error}. */
  public record Outcome(String input, String kind, String message) {}
}
