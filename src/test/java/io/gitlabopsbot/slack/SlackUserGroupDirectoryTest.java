package io.gitlabopsbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.access.UserGroupDirectory.UserGroupLookupException;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.SlackSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackUserGroupDirectoryTest {

  private static final String PATH = "/api/usergroups.users.list";

  private final WireMockServer slack = new WireMockServer(options().dynamicPort());
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private SlackUserGroupDirectory directory;

  @BeforeEach
  void start() {
    slack.start();
    SlackSettings settings =
        new SlackSettings(
            SlackSettings.Mode.SOCKET,
            slack.baseUrl() + "/api/",
            "/gitlab",
            null,
            null,
            null,
            null);
    directory =
        new SlackUserGroupDirectory(
            new SlackClients(settings, ProxySettings.none()).methods(new Secret("xoxb-test")),
            clock);
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  @Test
  void members_asksSlackOnceWithinTheTtl() {
    slack.stubFor(
        post(PATH)
            .withRequestBody(containing("usergroup=S0ONCALL"))
            .willReturn(okJson("{\"ok\":true,\"users\":[\"U1\",\"U2\"]}")));

    assertThat(directory.members("S0ONCALL")).containsExactlyInAnyOrder("U1", "U2");
    clock.advance(Duration.ofMinutes(4));
    assertThat(directory.members("S0ONCALL")).containsExactlyInAnyOrder("U1", "U2");

    slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void members_afterTheTtl_asksAgainAndSeesChanges() {
    slack.stubFor(post(PATH).willReturn(okJson("{\"ok\":true,\"users\":[\"U1\"]}")));
    directory.members("S0ONCALL");
    slack.stubFor(post(PATH).willReturn(okJson("{\"ok\":true,\"users\":[\"U3\"]}")));

    clock.advance(Duration.ofMinutes(5));

    assertThat(directory.members("S0ONCALL")).containsExactly("U3");
    slack.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void members_whenRefreshFailsAfterTtl_throwsInsteadOfServingStaleMembers() {
    slack.stubFor(post(PATH).willReturn(okJson("{\"ok\":true,\"users\":[\"U1\"]}")));
    directory.members("S0ONCALL");
    slack.stubFor(post(PATH).willReturn(aResponse().withStatus(500)));

    assertThat(directory.members("S0ONCALL")).containsExactly("U1");
    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> directory.members("S0ONCALL"))
        .isInstanceOf(UserGroupLookupException.class)
        .hasMessageContaining("S0ONCALL")
        .hasMessageContaining("denied until Slack answers");
  }

  @Test
  void members_whenScopeMissing_namesTheScopeToAdd() {
    slack.stubFor(
        post(PATH)
            .willReturn(
                okJson(
                    "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"usergroups:read\"}")));

    assertThatThrownBy(() -> directory.members("S0ONCALL"))
        .isInstanceOf(UserGroupLookupException.class)
        .hasMessageContaining("missing_scope")
        .hasMessageContaining("add the scope usergroups:read");
  }

  /** A clock the test moves forward by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
