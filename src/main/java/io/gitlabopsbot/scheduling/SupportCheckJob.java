package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.cluster.SupportWarningOutcome;
import io.gitlabopsbot.cluster.SupportWarnings;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the daily EKS end-of-support check; never two at once, on any replica. */
@DisallowConcurrentExecution
public final class SupportCheckJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(SupportCheckJob.class);

  private final SupportWarnings warnings;

  public SupportCheckJob(SupportWarnings warnings) {
    this.warnings = warnings;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      SupportWarningOutcome outcome = warnings.check();
      log.info("EKS end-of-support check: {}", outcome);
    } catch (RuntimeException e) {
      // The store failed; the next daily fire tries again, and nothing was posted.
      log.error("EKS end-of-support check failed; it runs again on its next schedule", e);
    }
  }
}
