namespace NetHelpfulness.Cli;

/// <summary>The command line is wrong: an unknown option, a missing value, a value out of range.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The user interrupted the command (Ctrl-C, SIGTERM); it stopped without writing anything.</summary>
internal sealed class InterruptedException(string message) : Exception(message);
