package io.gitlabopsbot.migration;

/** One condition the migration needs before it may start, and what was found. */
public record Prerequisite(String name, boolean met, String detail) {}
