package io.gitlabopsbot.storage;

/** Bytes that should be a tar header are not one. */
final class TarFormatException extends RuntimeException {

  TarFormatException(String message) {
    super(message);
  }
}
