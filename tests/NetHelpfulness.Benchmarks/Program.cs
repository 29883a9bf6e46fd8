using BenchmarkDotNet.Running;

namespace NetHelpfulness.Benchmarks;

/// <summary>dotnet run -c Release --project tests/NetHelpfulness.Benchmarks -- --filter '*'</summary>
public static class BenchmarkProgram
{
    /// <summary>
    /// Runs the benchmarks chosen on the command line; <c>write-spss N</c> instead writes the SPSS benchmark's files for
    /// N cases, and <c>model-files N</c> the N-rating scaling file and its scenario catalogue (for side-by-side-model.sh),
    /// and prints their paths.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["write-spss", var count])
        {
            // To check the test-only writer with another program: e.g. pspp, GET FILE='…'. SYSFILE INFO. LIST.
            var files = BenchmarkData.SpssSurvey(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), 10);
            Console.WriteLine(string.Join('\n', files.Csv, files.Uncompressed, files.Bytecode, files.Zlib));
            return;
        }

        if (args is ["model-files", var ratings])
        {
            Console.WriteLine(BenchmarkData.ScalingFile(int.Parse(ratings, System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine(BenchmarkData.ModelCatalogue());
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
