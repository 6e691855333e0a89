package io.gitlabopsbot.migration;

import java.util.ArrayList;
import java.util.List;

/** Packs text chunks into as few mrkdwn sections as fit a size limit. */
final class SlackSections {

  private SlackSections() {}

  /**
   * Joins chunks with blank lines into sections of at most {@code max} characters, keeping a chunk
   * whole when it fits and cutting it at line breaks (an overlong line at the limit) when not.
   */
  static List<String> pack(List<String> chunks, int max) {
    List<String> sections = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String chunk : chunks) {
      for (String piece : fit(chunk, max)) {
        int needed = current.isEmpty() ? piece.length() : current.length() + 2 + piece.length();
        if (needed > max) {
          sections.add(current.toString());
          current.setLength(0);
        }
        if (!current.isEmpty()) {
          current.append("\n\n");
        }
        current.append(piece);
      }
    }
    if (!current.isEmpty()) {
      sections.add(current.toString());
    }
    return List.copyOf(sections);
  }

  private static List<String> fit(String chunk, int max) {
    if (chunk.length() <= max) {
      return List.of(chunk);
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String line : chunk.split("\n")) {
      String rest = line;
      while (rest.length() > max) {
        if (!piece.isEmpty()) {
          pieces.add(piece.toString());
          piece.setLength(0);
        }
        pieces.add(rest.substring(0, max));
        rest = rest.substring(max);
      }
      if (!piece.isEmpty() && piece.length() + 1 + rest.length() > max) {
        pieces.add(piece.toString());
        piece.setLength(0);
      }
      if (!piece.isEmpty()) {
        piece.append('\n');
      }
      piece.append(rest);
    }
    if (!piece.isEmpty()) {
      pieces.add(piece.toString());
    }
    return pieces;
  }
}
