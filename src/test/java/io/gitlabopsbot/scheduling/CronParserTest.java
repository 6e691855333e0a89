package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronParserTest {

  private final CronParser parser = new CronParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 2 * * *        | 0 0 2 * * ?",
        "30 1 15 * *      | 0 30 1 15 * ?",
        "0 3 * * 1-5      | 0 0 3 ? * 2,3,4,5,6",
        "0 3 * * 0        | 0 0 3 ? * 1",
        "0 3 * * 7        | 0 0 3 ? * 1",
        "0 3 * * 5-7      | 0 0 3 ? * 1,6,7",
        "0 3 * * sat,sun  | 0 0 3 ? * 1,7",
        "0 */6 * * *      | 0 0 */6 * * ?",
        "0 3 * * */2      | 0 0 3 ? * 1,3,5,7",
        "@daily           | 0 0 0 * * ?",
        "@weekly          | 0 0 0 ? * 1",
        "0 0 2 * * ?      | 0 0 2 * * ?",
        "0 0 2 ? * MON-FRI 2030 | 0 0 2 ? * MON-FRI 2030",
        "0 0 2 L * ?      | 0 0 2 L * ?",
      })
  void parse_whenStandardOrQuartz_givesQuartzExpression(String cron, String quartz) {
    assertThat(parser.parse(cron)).isEqualTo(new CronParser.Valid(quartz));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 2 * *          | it has 4 fields",
        "0 2 1 * 1        | restricts both day-of-month and day-of-week",
        "0 2 L * *        | need the 6-field Quartz form",
        "0 2 * * 9        | day-of-week 9 is not understood",
        "0 2 * * 6-2      | runs backwards",
        "61 2 * * *       | is not a valid cron schedule",
        "0 0 25 * * ?     | is not a valid cron schedule",
        "every night      | it has 2 fields",
      })
  void parse_whenMalformed_quotesItAndGivesExample(String cron, String why) {
    CronParser.Result result = parser.parse(cron);

    assertThat(result).isInstanceOf(CronParser.Invalid.class);
    String problem = ((CronParser.Invalid) result).problem();
    assertThat(problem)
        .contains("`" + cron.strip() + "`")
        .contains(why)
        .contains("Example: `0 2 * * *`");
  }

  @ParameterizedTest
  @CsvSource({"''", "'   '"})
  void parse_whenBlank_asksForASchedule(String cron) {
    assertThat(parser.parse(cron))
        .isEqualTo(
            new CronParser.Invalid(
                "no schedule given: write one in quotes, e.g. " + CronParser.EXAMPLE));
  }

  @ParameterizedTest
  @CsvSource({"'0 2 * * * <!channel>'"})
  void parse_whenTextTriesToMentionEveryone_isEscaped(String cron) {
    String problem = ((CronParser.Invalid) parser.parse(cron)).problem();

    assertThat(problem).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
  }
}
