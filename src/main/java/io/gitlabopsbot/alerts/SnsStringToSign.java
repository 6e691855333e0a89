package io.gitlabopsbot.alerts;

/**
 * The text SNS signs, as AWS documents it: selected fields in a fixed (alphabetical) order, each as
 * {@code Key\nValue\n}, with values exactly as received.
 */
final class SnsStringToSign {

  private SnsStringToSign() {}

  static String of(SnsMessage m) {
    StringBuilder text = new StringBuilder();
    append(text, "Message", m.message());
    append(text, "MessageId", m.messageId());
    if (m.isConfirmationType()) {
      append(text, "SubscribeURL", m.subscribeUrl());
      append(text, "Timestamp", m.timestamp());
      append(text, "Token", m.token());
    } else {
      // Subject is signed only when the notification has one.
      if (m.subject() != null) {
        append(text, "Subject", m.subject());
      }
      append(text, "Timestamp", m.timestamp());
    }
    append(text, "TopicArn", m.topicArn());
    append(text, "Type", m.type());
    return text.toString();
  }

  private static void append(StringBuilder text, String key, String value) {
    text.append(key).append('\n').append(value).append('\n');
  }
}
