package io.gitlabopsbot.scheduling;

/**
 * Keys of the job data our Quartz jobs carry. Values are always strings: the job store keeps them
 * as text properties, never as serialized objects.
 */
final class JobData {

  static final String TARGET = "target";
  static final String CRON = "cron";
  static final String ZONE = "zone";
  static final String FIRE_ID = "fireId";
  static final String FIRED_AT = "firedAt";
  static final String DEADLINE = "deadline";

  /** Group of the per-target backup schedules. */
  static final String SCHEDULES = "backup-schedules";

  /** Group of the one-shot missed-backup checks. */
  static final String DEADLINES = "backup-deadlines";

  private JobData() {}
}
