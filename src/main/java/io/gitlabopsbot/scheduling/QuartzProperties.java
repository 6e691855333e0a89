package io.gitlabopsbot.scheduling;

import java.util.Properties;

/** The Quartz configuration of the bot: a clustered JDBC job store on the bot's own database. */
final class QuartzProperties {

  /** All replicas share this name: Quartz clusters the nodes whose scheduler names are equal. */
  static final String INSTANCE_NAME = "gitlab-ops-bot";

  static final String TABLE_PREFIX = "QRTZ_";

  private QuartzProperties() {}

  static Properties of(SchedulingSettings settings, String vendor, String dataSourceName) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", INSTANCE_NAME);
    p.setProperty("org.quartz.scheduler.instanceId", settings.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty(
        "org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWait().toMillis()));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", delegateFor(vendor));
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    // Unquoted in Quartz's SQL, so it folds to lower case on both databases, like our migration.
    p.setProperty("org.quartz.jobStore.tablePrefix", TABLE_PREFIX);
    // Harmless with one replica, and what makes two replicas fire each trigger once.
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckin().toMillis()));
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(settings.misfireThreshold().toMillis()));
    // Job data is stored as text properties, never as serialized Java objects.
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    return p;
  }

  private static String delegateFor(String vendor) {
    return "postgresql".equals(vendor)
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
  }
}
