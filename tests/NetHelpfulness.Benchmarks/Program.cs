using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/NetHelpfulness.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder for BenchmarkSwitcher.</summary>
public partial class Program;
