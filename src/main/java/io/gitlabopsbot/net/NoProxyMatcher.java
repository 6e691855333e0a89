package io.gitlabopsbot.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a host is reached directly, following curl's reading of {@code NO_PROXY}: an
 * entry {@code example.com}, {@code .example.com} or {@code *.example.com} matches that domain and
 * every host under it; IP literals match exactly; CIDR ranges such as {@code 10.0.0.0/8} match IP
 * literals inside them; {@code *} alone matches everything. Ports in entries ({@code host:8080})
 * are ignored and matching is case-insensitive. No DNS lookups happen here: a host name never
 * matches a CIDR range, even if it resolves into it.
 */
public final class NoProxyMatcher {

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final boolean matchAll;
  private final List<String> domains = new ArrayList<>();
  private final List<Cidr> ranges = new ArrayList<>();

  public NoProxyMatcher(List<String> entries) {
    boolean all = false;
    for (String raw : entries) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        all = true;
        continue;
      }
      Cidr cidr = Cidr.parse(entry);
      if (cidr != null) {
        ranges.add(cidr);
        continue;
      }
      String host = stripPort(entry);
      if (host.startsWith("*.")) {
        host = host.substring(2);
      } else if (host.startsWith(".")) {
        host = host.substring(1);
      }
      InetAddress ip = literal(host);
      if (ip != null) {
        ranges.add(new Cidr(ip.getAddress(), ip.getAddress().length * 8));
      } else if (!host.isEmpty()) {
        domains.add(trimDot(host));
      }
    }
    this.matchAll = all;
  }

  /** True when {@code host} (a name or IP literal, IPv6 with or without brackets) goes direct. */
  public boolean matches(String host) {
    if (matchAll) {
      return true;
    }
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = trimDot(host.trim().toLowerCase(Locale.ROOT));
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    InetAddress ip = literal(h);
    if (ip != null) {
      byte[] address = ip.getAddress();
      return ranges.stream().anyMatch(r -> r.contains(address));
    }
    for (String domain : domains) {
      if (h.equals(domain) || h.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code *} was given: nothing goes through the proxy. */
  public boolean matchesAll() {
    return matchAll;
  }

  /**
   * The same rules as Java regular expressions over lower-case host names, for clients that match
   * that way (the AWS SDK's Apache client). CIDR ranges have no such form and are left out; callers
   * that know their endpoint host check it with {@link #matches} first.
   */
  public List<String> hostRegexes() {
    if (matchAll) {
      return List.of(".*");
    }
    List<String> regexes = new ArrayList<>();
    for (String domain : domains) {
      regexes.add("(.+\\.)?" + Pattern.quote(domain));
    }
    for (Cidr range : ranges) {
      if (range.isSingleAddress()) {
        InetAddress ip = range.address();
        regexes.add(Pattern.quote(ip.getHostAddress()));
      }
    }
    return List.copyOf(regexes);
  }

  private static String stripPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close < 0 ? entry : entry.substring(1, close);
    }
    int colon = entry.indexOf(':');
    // More than one colon: an IPv6 literal without brackets, which has no port part.
    if (colon >= 0 && entry.indexOf(':', colon + 1) < 0) {
      return entry.substring(0, colon);
    }
    return entry;
  }

  private static String trimDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The address of an IP literal, or null for a host name; never resolves names. */
  static InetAddress literal(String host) {
    boolean v4 = IPV4.matcher(host).matches() && octetsInRange(host);
    boolean v6 = host.contains(":") && host.matches("[0-9a-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      // Safe: for strings that are syntactically literals the JDK parses without a lookup.
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean octetsInRange(String v4) {
    for (String octet : v4.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** An address range; a single address is a range with the full prefix length. */
  private record Cidr(byte[] network, int prefix) {

    static Cidr parse(String entry) {
      int slash = entry.indexOf('/');
      if (slash < 0) {
        return null;
      }
      InetAddress ip = literal(entry.substring(0, slash));
      String bits = entry.substring(slash + 1);
      if (ip == null || !bits.matches("[0-9]{1,3}")) {
        return null;
      }
      int prefix = Integer.parseInt(bits);
      return prefix > ip.getAddress().length * 8 ? null : new Cidr(ip.getAddress(), prefix);
    }

    boolean isSingleAddress() {
      return prefix == network.length * 8;
    }

    InetAddress address() {
      try {
        return InetAddress.getByAddress(network);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a parsed address has a valid length", e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
