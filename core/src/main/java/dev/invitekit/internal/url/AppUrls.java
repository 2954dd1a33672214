package dev.invitekit.internal.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's pages that Invitekit links to, from the base URL and the paths the builder validated: the
 * "Create account" link of an invitation (I6) and the invite link (L1). Immutable.
 */
public final class AppUrls {
  private static final String TOKEN = "{token}";

  /** Each URL's text around its {@code {token}}s, worked out once: the base URL joined to the path. */
  private final String[] invitationParts;
  private final String[] linkParts;

  /** URLs under {@code baseUrl}; each path contains {@code {token}}. */
  public AppUrls(URI baseUrl, String invitationPath, String linkPath) {
    this.invitationParts = parts(baseUrl, invitationPath);
    this.linkParts = parts(baseUrl, linkPath);
  }

  /** The "Create account" link of an invitation token (I6). */
  public URI invitation(String token) {
    return resolve(invitationParts, token);
  }

  /** The URL of an invite link token (L1). */
  public URI link(String token) {
    return resolve(linkParts, token);
  }

  private static String[] parts(URI baseUrl, String pathTemplate) {
    String base = baseUrl.toString();
    // One slash between the two, whatever the token: a token (base64url) never starts with one.
    String path = base.endsWith("/") && pathTemplate.startsWith("/") ? pathTemplate.substring(1) : pathTemplate;
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = path.indexOf(TOKEN); at >= 0; at = path.indexOf(TOKEN, from)) {
      parts.add(path.substring(from, at));
      from = at + TOKEN.length();
    }
    parts.add(path.substring(from));
    parts.set(0, base + parts.get(0));
    return parts.toArray(String[]::new);
  }

  private static URI resolve(String[] parts, String token) {
    StringBuilder url = new StringBuilder(parts[0].length() + token.length() + 32).append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      url.append(token).append(parts[i]);
    }
    return uri(url.toString(), "invitation or invite");
  }

  /**
   * {@code url}, a link holding a token, as a {@link URI}. The builder lets through only paths that make valid
   * URLs; should one not be, the failure never shows the link, whose token is a secret (outside review 15).
   */
  public static URI uri(String url, String kind) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the " + kind + " link built from baseUrl and its path is not a valid URL"
          + " (at index " + e.getIndex() + "); check both in Invitekit.builder()");
    }
  }
}
