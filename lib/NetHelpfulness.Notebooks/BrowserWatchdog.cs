using System.Globalization;

namespace NetHelpfulness.Notebooks;

/// <summary>
/// Makes the browser end with the kernel. A notebook kernel is often stopped without running exit handlers (Jupyter
/// kills it when it does not exit at once), and a Chromium it started would then live on. On Linux and macOS the browser
/// is therefore started through a small shell script that runs Chromium and stops it as soon as the kernel's process is gone.
/// </summary>
internal static class BrowserWatchdog
{
    /// <summary>
    /// The executable to launch for <paramref name="chromium"/>: a new watchdog script in a temporary folder of its own,
    /// which it removes when it ends, where /bin/sh exists; else Chromium itself.
    /// </summary>
    public static string Wrap(string chromium)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            return chromium;
        }

        var script = Path.Combine(Directory.CreateTempSubdirectory("nethelp-notebook-browser-").FullName, "chromium");
        File.WriteAllText(script, Script(chromium, Environment.ProcessId));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>
    /// The script: Chromium in the background with the arguments given, then a poll every second until the kernel or
    /// Chromium is gone. It then removes its own folder and, when the kernel went first, what the kernel's exit would
    /// have removed: the browser's temporary profile (the <c>--user-data-dir</c> the exporter made, <c>nethelp-chromium-*</c>).
    /// </summary>
    internal static string Script(string chromium, int kernelProcessId)
    {
        var quoted = "'" + chromium.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script = string.Create(CultureInfo.InvariantCulture, $$"""
        #!/bin/sh
        # Written by NetHelpfulness.Notebooks: runs Chromium for the notebook kernel with process id {{kernelProcessId}},
        # and stops it when that kernel is gone (a killed kernel runs no exit handler).
        profile=
        for argument in "$@"; do
          case $argument in --user-data-dir=*) profile=${argument#--user-data-dir=} ;; esac
        done
        {{quoted}} "$@" &
        browser=$!
        trap 'kill $browser 2>/dev/null' TERM INT HUP
        while kill -0 {{kernelProcessId}} 2>/dev/null && kill -0 $browser 2>/dev/null; do sleep 1; done
        kill $browser 2>/dev/null
        wait $browser 2>/dev/null
        if ! kill -0 {{kernelProcessId}} 2>/dev/null; then
          case $profile in */nethelp-chromium-*) rm -rf "$profile" ;; esac
        fi
        case $(dirname "$0") in */nethelp-notebook-browser-*) rm -rf "$(dirname "$0")" ;; esac
        """);
        return script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
