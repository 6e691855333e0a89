package io.gitlabopsbot.storage;

/** The stream being uploaded failed or ended before its announced size; the upload was aborted. */
public final class UploadSourceException extends RuntimeException {

  public UploadSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
