package io.gitlabopsbot.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyMatcherTest {

  @ParameterizedTest(name = "NO_PROXY={0} host={1} direct={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com | example.com | true",
        "example.com | api.example.com | true",
        "example.com | notexample.com | false",
        ".example.com | example.com | true",
        ".example.com | a.b.example.com | true",
        "*.example.com | api.example.com | true",
        "*.example.com | example.org | false",
        "EXAMPLE.com | Api.Example.COM | true",
        "example.com. | api.example.com | true",
        "example.com:8443 | example.com | true",
        "localhost | localhost | true",
        "localhost | localhost.evil.test | false",
        "10.1.2.3 | 10.1.2.3 | true",
        "10.1.2.3 | 10.1.2.4 | false",
        "10.0.0.0/8 | 10.200.3.4 | true",
        "10.0.0.0/8 | 11.0.0.1 | false",
        "172.16.0.0/12 | 172.31.255.255 | true",
        "172.16.0.0/12 | 172.32.0.0 | false",
        "10.0.0.0/8 | ten.internal | false",
        "::1 | [::1] | true",
        "[::1]:8080 | ::1 | true",
        "fd00::/8 | fd12::5 | true",
        "fd00::/8 | fe80::1 | false",
        "* | anything.example | true",
        "a.test,b.test | b.test | true",
        "a.test, ,b.test | c.test | false"
      })
  void matches_followsCurlSemantics(String noProxy, String host, boolean direct) {
    NoProxyMatcher matcher = new NoProxyMatcher(Arrays.asList(noProxy.split(",")));

    assertThat(matcher.matches(host)).isEqualTo(direct);
  }

  @Test
  void matches_whenNoEntries_neverMatches() {
    assertThat(new NoProxyMatcher(List.of()).matches("localhost")).isFalse();
  }

  @Test
  void hostRegexes_translateDomainsAndAddresses() {
    NoProxyMatcher matcher =
        new NoProxyMatcher(List.of("*.svc.cluster.local", "10.0.0.1", "10.0.0.0/8"));

    List<String> regexes = matcher.hostRegexes();

    assertThat(regexes).hasSize(2);
    assertThat("minio.svc.cluster.local").matches(regexes.get(0));
    assertThat("svc.cluster.local").matches(regexes.get(0));
    assertThat("svcXcluster.local").doesNotMatch(regexes.get(0));
    assertThat("10.0.0.1").matches(regexes.get(1));
    assertThat("10.0.0.11").doesNotMatch(regexes.get(1));
  }
}
