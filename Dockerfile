# syntax=docker/dockerfile:1
# Image for gitlab-ops-bot. Build from the repository root:
#   docker build -t ghcr.io/example/gitlab-ops-bot:0.1.0 .
# No secret is baked in: tokens come from the pod's environment at run time (docs/deployment.md).

# ---- build stage: the repository's own Maven wrapper, so the image uses the pinned Maven version ----
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src

# Dependencies first: this layer is rebuilt only when pom.xml or the wrapper changes, not on every
# source edit.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline

COPY src/ src/
# Formatting is a developer concern; skipping it keeps the image build from rewriting sources or
# fetching the formatter.
RUN ./mvnw -B -DskipTests -Dspotless.skip=true package

# ---- runtime stage: JRE only, no build tools, no shell access needed ----
FROM eclipse-temurin:17-jre-noble

LABEL org.opencontainers.image.title="gitlab-ops-bot" \
      org.opencontainers.image.description="Slack ChatOps bot for a self-managed GitLab on Kubernetes"

# A fixed numeric UID/GID so Kubernetes can verify runAsNonRoot without reading /etc/passwd; the
# home directory is /app so libraries that look up user.home find a real path.
RUN groupadd --system --gid 10001 gitlab-ops-bot \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin gitlab-ops-bot \
 && mkdir -p /app/data /etc/gitlab-ops-bot \
 && chown 10001:10001 /app/data

WORKDIR /app
# The jar stays owned by root: the bot's user can read it but not replace it.
COPY --from=build /src/target/gitlab-ops-bot.jar /app/gitlab-ops-bot.jar

# Not a secret: only where the config file is mounted; --config on the command line overrides it.
ENV GITLAB_OPS_BOT_CONFIG=/etc/gitlab-ops-bot/config.yaml

# The embedded H2 store writes to /app/data (a volume) and the JVM writes temporary files to /tmp
# (a volume), so the root filesystem can be mounted read-only.
VOLUME ["/app/data"]
USER 10001:10001
# 8080: Slack requests and alert webhooks; 9090: probes and metrics (management listener).
EXPOSE 8080 9090

# Exit on OutOfMemoryError so Kubernetes restarts a clean JVM instead of keeping a broken one alive;
# size the heap from the container's memory limit. More JVM flags: set JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp", "-jar", "/app/gitlab-ops-bot.jar"]
CMD ["serve"]
