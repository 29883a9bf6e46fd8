using System.Diagnostics;
using NetHelpfulness.Notebooks;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>The script that ends the notebook's browser with the kernel, with <c>sleep</c> standing in for both.</summary>
public sealed class BrowserWatchdogTests
{
    [Fact]
    public void TheBrowserRunsWhileTheKernelLivesAndStopsWhenItIsGone()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal("chromium.exe", BrowserWatchdog.Wrap("chromium.exe"));
            return;
        }

        var folder = Directory.CreateTempSubdirectory("nethelp-watchdog-test-").FullName;
        using var kernel = Process.Start("sleep", "2")!;
        var script = Path.Combine(folder, "chromium");
        File.WriteAllText(script, BrowserWatchdog.Script("/bin/sleep", kernel.Id));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var watchdog = Process.Start(script, "300")!; // the "browser" would run for 5 minutes
        try
        {
            Assert.False(watchdog.WaitForExit(1000), "the watchdog ended while the kernel was running");
            kernel.WaitForExit();
            // It exits only after killing and reaping the browser (the script ends with `wait`).
            Assert.True(watchdog.WaitForExit(10_000), "the watchdog did not stop the browser within 10 s of the kernel's end");
        }
        finally
        {
            if (!watchdog.HasExited)
            {
                watchdog.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheScriptQuotesTheBrowserPath()
    {
        var script = BrowserWatchdog.Script("/opt/it's here/chromium", 4242);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("'/opt/it'\\''s here/chromium' \"$@\" &\n", script, StringComparison.Ordinal);
        Assert.Contains("while kill -0 4242 2>/dev/null", script, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", script, StringComparison.Ordinal);
    }
}
