package io.gitlabopsbot.command;

/** A command's spec and the handler that runs it; capabilities contribute these. */
public record CommandRegistration(CommandSpec spec, CommandHandler handler) {}
