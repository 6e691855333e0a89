package io.gitlabopsbot.kubernetes;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code args} of a toolbox container that runs {@code backup-utility}, in the chart's own
 * form: {@code ["/bin/bash", "-c", "cp /etc/gitlab/.s3cfg $HOME/.s3cfg && backup-utility …"]}.
 */
public final class ToolboxScript {

  /** What the chart's backup CronJob runs before {@code backup-utility} for the s3 backend. */
  public static final String COPY_S3CMD_CONFIG = "cp /etc/gitlab/.s3cfg $HOME/.s3cfg";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ToolboxScript() {}

  /** Whether {@code backup-utility --s3tool <s3Tool>} reads {@code $HOME/.s3cfg}. */
  public static boolean needsS3cmdConfig(String s3Tool) {
    // Blank leaves backup-utility's own default, which is s3cmd.
    return s3Tool.isBlank() || s3Tool.equals("s3cmd");
  }

  /** The container args; the third element is the shell line, as {@code kubectl} shows it. */
  public static List<String> args(List<String> utility, boolean copyS3cmdConfig) {
    String line = utility.stream().map(ToolboxScript::quote).collect(Collectors.joining(" "));
    return List.of("/bin/bash", "-c", copyS3cmdConfig ? COPY_S3CMD_CONFIG + " && " + line : line);
  }

  /** The args as a shell would take them, e.g. {@code /bin/bash -c 'backup-utility --skip db'}. */
  public static String shown(List<String> args) {
    return args.stream().map(ToolboxScript::quote).collect(Collectors.joining(" "));
  }

  /** One argument as one shell word: plain words as they are, anything else single-quoted. */
  public static String quote(String argument) {
    if (PLAIN.matcher(argument).matches()) {
      return argument;
    }
    return "'" + argument.replace("'", "'\"'\"'") + "'";
  }
}
