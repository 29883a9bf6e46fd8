using System.Diagnostics;
using System.Globalization;

namespace NetHelpfulness.Cli;

/// <summary>
/// With <c>NETHELP_STARTUP_REPORT=1</c>, the time of each phase of a command (with the peak resident memory at its end)
/// and the assemblies the process loaded, on stderr after the output: how the start-up breakdown in
/// tests/NetHelpfulness.Benchmarks/README.md is measured, how a test checks that <c>score</c> loads no figures stack, and
/// which phase sets the peak memory of a large file. Off (one environment look-up) otherwise.
/// </summary>
internal static class StartupReport
{
    public const string Variable = "NETHELP_STARTUP_REPORT";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly List<(string Phase, double Milliseconds, long PeakBytes)> Marks = [];

    /// <summary>Starts the clock: called first thing in <c>Main</c>.</summary>
    public static void Begin() => Mark("main");

    /// <summary>Records the end of a phase (the time since the previous mark, or since <c>Main</c> for the first).</summary>
    public static void Mark(string phase)
    {
        if (Enabled)
        {
            // The peak resident set so far (VmHWM on Linux): which phase sets the process's peak memory.
            using var process = Process.GetCurrentProcess();
            Marks.Add((phase, Clock.Elapsed.TotalMilliseconds, process.PeakWorkingSet64));
        }
    }

    /// <summary>Writes the phases and the loaded assemblies, when enabled.</summary>
    public static void Write(TextWriter stderr)
    {
        if (!Enabled)
        {
            return;
        }

        var previous = 0.0;
        foreach (var (phase, at, peak) in Marks)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: {phase,-10} {at - previous,8:F1} ms; peak {peak / 1048576.0,7:F0} MB"));
            previous = at;
        }

        // Main is entered after the runtime has started: the process's age then, from the kernel's start time (10 ms ticks on Linux).
        var sinceProcessStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: in Main   {previous,8:F1} ms; process age {sinceProcessStart:F0} ms"));
        // The simple name from FullName, not GetName(): the native build lists satellite assemblies whose culture the
        // invariant-globalization runtime cannot construct.
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.FullName?.Split(',')[0] ?? "?").Order(StringComparer.Ordinal);
        stderr.WriteLine("startup: assemblies " + string.Join(",", loaded));
    }
}
