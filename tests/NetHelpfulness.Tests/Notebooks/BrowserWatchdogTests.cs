using System.Diagnostics;
using NetHelpfulness.Notebooks;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>The script that ends the notebook's browser with the kernel, with <c>sleep</c> standing in for both.</summary>
public sealed class BrowserWatchdogTests
{
    [Fact]
    public void TheBrowserRunsWhileTheKernelLivesAndIsStoppedAndCleanedUpWhenItIsGone()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal("chromium.exe", BrowserWatchdog.Wrap("chromium.exe"));
            return;
        }

        var work = Directory.CreateTempSubdirectory("nethelp-watchdog-test-").FullName;
        var watchdogFolder = Directory.CreateDirectory(Path.Combine(work, "nethelp-notebook-browser-test")).FullName;
        var profile = Directory.CreateDirectory(Path.Combine(work, "nethelp-chromium-test")).FullName;
        File.WriteAllText(Path.Combine(profile, "Preferences"), "{}");
        var browser = Path.Combine(work, "browser");
        File.WriteAllText(browser, "#!/bin/sh\nexec sleep 300\n"); // a "browser" that would run for 5 minutes
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using var kernel = Process.Start("sleep", "2")!;
        var script = Path.Combine(watchdogFolder, "chromium");
        File.WriteAllText(script, BrowserWatchdog.Script(browser, kernel.Id));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var watchdog = Process.Start(script, ["--headless", "--user-data-dir=" + profile])!;
        try
        {
            Assert.False(watchdog.WaitForExit(1000), "the watchdog ended while the kernel was running");
            Assert.True(Directory.Exists(profile));
            kernel.WaitForExit();
            // It exits only after killing and reaping the browser (the script waits for it).
            Assert.True(watchdog.WaitForExit(10_000), "the watchdog did not stop the browser within 10 s of the kernel's end");
            Assert.False(Directory.Exists(profile), "the browser's profile was left behind");
            Assert.False(Directory.Exists(watchdogFolder), "the watchdog's folder was left behind");
        }
        finally
        {
            if (!watchdog.HasExited)
            {
                watchdog.Kill(entireProcessTree: true);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void WhenTheBrowserEndsFirstTheWatchdogRemovesItsFolderAndLeavesTheProfileToTheKernel()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no watchdog there (see the test above)
        }

        var work = Directory.CreateTempSubdirectory("nethelp-watchdog-test-").FullName;
        var watchdogFolder = Directory.CreateDirectory(Path.Combine(work, "nethelp-notebook-browser-test")).FullName;
        var profile = Directory.CreateDirectory(Path.Combine(work, "nethelp-chromium-test")).FullName;
        var browser = Path.Combine(work, "browser");
        File.WriteAllText(browser, "#!/bin/sh\nexec sleep 1\n"); // closed after a second, as the exporter closes it
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = Path.Combine(watchdogFolder, "chromium");
        File.WriteAllText(script, BrowserWatchdog.Script(browser, Environment.ProcessId)); // the kernel: this process, alive
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var watchdog = Process.Start(script, ["--user-data-dir=" + profile])!;
        try
        {
            Assert.True(watchdog.WaitForExit(10_000), "the watchdog did not end with the browser");
            Assert.False(Directory.Exists(watchdogFolder), "the watchdog's folder was left behind");
            Assert.True(Directory.Exists(profile), "the profile is the exporter's to remove while the kernel runs");
        }
        finally
        {
            if (!watchdog.HasExited)
            {
                watchdog.Kill(entireProcessTree: true);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void TheScriptQuotesTheBrowserPathAndRemovesOnlyTheExportersProfileAndItsOwnFolder()
    {
        var script = BrowserWatchdog.Script("/opt/it's here/chromium", 4242);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("'/opt/it'\\''s here/chromium' \"$@\" &\n", script, StringComparison.Ordinal);
        Assert.Contains("while kill -0 4242 2>/dev/null", script, StringComparison.Ordinal);
        Assert.Contains("case $profile in */nethelp-chromium-*) rm -rf \"$profile\" ;; esac", script, StringComparison.Ordinal);
        Assert.Contains("case $(dirname \"$0\") in */nethelp-notebook-browser-*) rm -rf", script, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", script, StringComparison.Ordinal);
    }
}
