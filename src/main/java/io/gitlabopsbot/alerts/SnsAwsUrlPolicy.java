package io.gitlabopsbot.alerts;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Allows only {@code https://sns.<region>.amazonaws.com[.cn]/…} on the default port, matched on the
 * parsed host as a whole, so look-alikes such as {@code sns.us-east-1.amazonaws.com.evil.example}
 * or {@code …amazonaws.com@evil.example} never pass.
 */
final class SnsAwsUrlPolicy implements SnsUrlPolicy {

  // Region names look like us-east-1, ap-northeast-1, us-gov-west-1, cn-north-1.
  private static final Pattern HOST =
      Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\\.amazonaws\\.com(\\.cn)?");

  @Override
  public boolean allows(URI url) {
    if (url == null || url.isOpaque() || !"https".equalsIgnoreCase(url.getScheme())) {
      return false;
    }
    if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
      return false;
    }
    if (url.getPort() != -1 && url.getPort() != 443) {
      return false;
    }
    String host = url.getHost();
    return host != null && HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
  }
}
