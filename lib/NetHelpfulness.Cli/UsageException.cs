namespace NetHelpfulness.Cli;

/// <summary>The command line is wrong: an unknown option, a missing value, a value out of range.</summary>
internal sealed class UsageException(string message) : Exception(message);
