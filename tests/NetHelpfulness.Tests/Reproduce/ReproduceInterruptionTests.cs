using System.Diagnostics;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary>Ctrl-C during <c>nethelp reproduce</c> leaves the previous artifacts exactly as they were (issue 8).</summary>
public class ReproduceInterruptionTests
{
    [Fact]
    public void Interrupting_reproduce_leaves_the_previous_artifacts_and_no_staging_folder()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, ReproduceCommandTests.Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        var before = Snapshot(study.Output);

        // A second run with a long coverage study, interrupted with SIGINT (what Ctrl-C sends) while it works.
        var nethelp = Path.Combine(AppContext.BaseDirectory, "nethelp.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { nethelp, "reproduce", "--coverage-replicates", "1000000", "--data", study.Data, "--out", study.Output, "--no-images" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            Interrupt(process, study);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(before, Snapshot(study.Output));
        Assert.Empty(StagingFolders(Path.GetDirectoryName(Path.GetFullPath(study.Output))!, study.Output));
    }

    private static void Interrupt(Process process, SyntheticStudyFixture study)
    {
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        var parent = Path.GetDirectoryName(Path.GetFullPath(study.Output))!;
        var waited = Stopwatch.StartNew();
        while (!StagingFolders(parent, study.Output).Any() || !StderrHas(stderr, "figure: trust signals"))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited, "reproduce did not start the coverage study: " + stderr);
            Thread.Sleep(50);
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(60_000), "reproduce did not stop after SIGINT");
        process.WaitForExit();
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", process.StandardOutput.ReadToEnd());
    }

    private static bool StderrHas(System.Text.StringBuilder stderr, string text)
    {
        lock (stderr)
        {
            return stderr.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> StagingFolders(string parent, string output) =>
        Directory.EnumerateDirectories(parent, "." + Path.GetFileName(Path.GetFullPath(output)) + ".*");

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f),
            f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
