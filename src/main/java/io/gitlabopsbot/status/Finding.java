package io.gitlabopsbot.status;

/** One section of the status: what was read, or why it could not be read. */
sealed interface Finding<T> {

  record Read<T>(T value) implements Finding<T> {}

  /**
   * @param why what failed and what to do about it, for the reader (plain text)
   * @param expected true when the gap is a known opt-in (optional RBAC) and no sign of trouble
   */
  record Unreadable<T>(String why, boolean expected) implements Finding<T> {}
}
