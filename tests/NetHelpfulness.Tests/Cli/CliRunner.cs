using NetHelpfulness.Cli;

namespace NetHelpfulness.Tests.Cli;

/// <summary>Runs <c>nethelp</c> in-process and captures what it prints.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

internal static class CliRunner
{
    /// <summary>
    /// Asserts that stderr holds no problem: nothing but the program's notes (such as "the file has a weight column but
    /// no --weight was given"), which a successful run may print.
    /// </summary>
    public static void AssertOnlyNotes(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("nethelp: note: ", line, StringComparison.Ordinal));
    }

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Temporary files for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nethelp-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string File(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
