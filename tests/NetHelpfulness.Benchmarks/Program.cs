using BenchmarkDotNet.Running;

namespace NetHelpfulness.Benchmarks;

/// <summary>dotnet run -c Release --project tests/NetHelpfulness.Benchmarks -- --filter '*'</summary>
public static class BenchmarkProgram
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
