package dev.invitekit.internal.url;

import java.net.URI;

/**
 * The app's pages that Invitekit links to, from the base URL and the paths the builder validated: the
 * "Create account" link of an invitation (I6) and the invite link (L1). Immutable.
 */
public final class AppUrls {
  private final URI baseUrl;
  private final String invitationPath;
  private final String linkPath;

  /** URLs under {@code baseUrl}; each path contains {@code {token}}. */
  public AppUrls(URI baseUrl, String invitationPath, String linkPath) {
    this.baseUrl = baseUrl;
    this.invitationPath = invitationPath;
    this.linkPath = linkPath;
  }

  /** The "Create account" link of an invitation token (I6). */
  public URI invitation(String token) {
    return resolve(invitationPath, token);
  }

  /** The URL of an invite link token (L1). */
  public URI link(String token) {
    return resolve(linkPath, token);
  }

  private URI resolve(String pathTemplate, String token) {
    String base = baseUrl.toString();
    String path = pathTemplate.replace("{token}", token);
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path);
  }
}
