using BenchmarkDotNet.Running;

namespace NetHelpfulness.Benchmarks;

/// <summary>dotnet run -c Release --project tests/NetHelpfulness.Benchmarks -- --filter '*'</summary>
public static class BenchmarkProgram
{
    /// <summary>
    /// Runs the benchmarks chosen on the command line; <c>model-files N</c> instead writes the N-rating scaling file and
    /// its scenario catalogue (for side-by-side-model.sh) and prints their paths.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["model-files", var ratings])
        {
            Console.WriteLine(BenchmarkData.ScalingFile(int.Parse(ratings, System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine(BenchmarkData.ModelCatalogue());
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
