package dev.invitekit.internal.account;

import dev.invitekit.internal.email.DomainNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A large, read-only set of lower-case IDNA ASCII domains, packed for memory: every domain's bytes in one
 * sorted array, found by binary search. The shipped disposable-mail list has over 100,000 entries; as
 * {@code String}s in a {@code HashSet} that is about 10 MB, packed it is about 2.5 MB.
 */
final class DomainList {
  private final byte[] bytes;
  private final int[] starts;

  private DomainList(byte[] bytes, int[] starts) {
    this.bytes = bytes;
    this.starts = starts;
  }

  /** How many domains. */
  int size() {
    return starts.length - 1;
  }

  /** Whether the list holds exactly this lower-case IDNA ASCII domain. */
  boolean contains(String asciiDomain) {
    byte[] key = asciiDomain.getBytes(StandardCharsets.US_ASCII);
    int low = 0;
    int high = size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = compare(mid, key);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private int compare(int index, byte[] key) {
    int from = starts[index];
    int length = starts[index + 1] - from;
    return Arrays.compare(bytes, from, from + length, key, 0, key.length);
  }

  /** A list of these domains, normalized like every other domain (U3); entries that are not domains are skipped. */
  static DomainList of(Iterable<String> domains) {
    List<String> all = new ArrayList<>();
    for (String domain : domains) {
      String ascii = isPlainAscii(domain) ? domain : DomainNames.ascii(domain);
      if (ascii != null) {
        all.add(ascii);
      }
    }
    // The shipped files are already in this (byte) order, so TimSort only checks it.
    all.sort(null);
    List<String> sorted = new ArrayList<>(all.size());
    for (String domain : all) {
      if (sorted.isEmpty() || !sorted.get(sorted.size() - 1).equals(domain)) {
        sorted.add(domain);
      }
    }
    int[] starts = new int[sorted.size() + 1];
    int total = 0;
    for (String domain : sorted) {
      total += domain.length();
    }
    byte[] bytes = new byte[total];
    int i = 0;
    int at = 0;
    for (String domain : sorted) {
      starts[i++] = at;
      byte[] b = domain.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(b, 0, bytes, at, b.length);
      at += b.length;
    }
    starts[i] = at;
    return new DomainList(bytes, starts);
  }

  /**
   * Reads a shipped list beside this class: one domain per line, {@code #} comments. Lines that are
   * already lower-case LDH ASCII are taken as they are (the refresh script writes them so); the few others
   * go through UTS #46 like any domain.
   */
  static DomainList resource(String name) {
    try (InputStream in = DomainList.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the Invitekit core jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> domains = new ArrayList<>(text.length() / 12);
      for (String line : text.split("\n")) {
        String domain = line.strip();
        if (!domain.isEmpty() && !domain.startsWith("#")) {
          domains.add(domain);
        }
      }
      return of(domains);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name, e);
    }
  }

  private static boolean isPlainAscii(String domain) {
    if (domain.isEmpty() || domain.length() > 253 || domain.startsWith("xn--") || domain.contains(".xn--")) {
      return false;
    }
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        return false;
      }
    }
    return domain.indexOf('.') > 0 && !domain.endsWith(".") && !domain.contains("..");
  }
}
