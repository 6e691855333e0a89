package io.gitlabopsbot.cluster;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes {@code major.minor} version, read from {@code 1.31} or {@code v1.31.4-eks-1a2b}. */
record MinorVersion(int major, int minor) implements Comparable<MinorVersion> {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:[.+-].*)?");

  static Optional<MinorVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = VERSION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new MinorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }

  /** How many minor versions {@code other} is behind this one (negative when ahead). */
  int minorsAhead(MinorVersion other) {
    return major == other.major ? minor - other.minor : (major - other.major) * 100;
  }

  MinorVersion next() {
    return new MinorVersion(major, minor + 1);
  }

  @Override
  public int compareTo(MinorVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
