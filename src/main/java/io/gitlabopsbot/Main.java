package io.gitlabopsbot;

public final class Main {
  public static void main(String[] args) {}
}
