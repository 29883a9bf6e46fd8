using System.Diagnostics;
using NetHelpfulness.Tests.Calibration;
using NetHelpfulness.Tests.Cli;
using NetHelpfulness.TestSupport;

namespace NetHelpfulness.Tests.Packages;

/// <summary>
/// The native (Native AOT) build of nethelp, the program the side-by-side benchmarks time (issue 17,
/// docs/native-build.md): published as the documentation says, it prints byte for byte what the JIT-compiled program
/// prints — numbers, tables, files, errors and exit codes — for every command it has; reproduce, whose figures need the
/// JIT, refuses with exit 2 before touching anything.
/// </summary>
public sealed class NativeBuildTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly string Survey = ReferenceFiles.Path("data", "synthetic", "survey.csv");
    private static readonly string Catalogue = ReferenceFiles.Path("data", "scenarios.csv");

    public static TheoryData<string, string[]> Commands => new()
    {
        { "score, linearized", ["score", "--input", Survey, "--weight", "weight", "--strata", "country", "--format", "json"] },
        { "score, bootstrap", ["score", "--input", Survey, "--weight", "weight", "--strata", "country", "--ci", "bootstrap-bca", "--replicates", "2000", "--seed", "17", "--format", "json"] },
        { "score by country, table", ["score", "--input", Survey, "--weight", "weight", "--by", "country"] },
        { "compare, contrast", ["compare", "--input", Survey, "--weight", "weight", "--strata", "country", "--contrast", "sale_alert=1,in_aisle_offer=-0.5,overheard_coffee_ad=-0.5", "--format", "csv"] },
        { "effects", ["effects", "--input", Survey, "--scenarios", Catalogue, "--weight", "weight", "--format", "json"] },
        { "model", ["model", "--input", Survey, "--weight", "weight", "--strata", "country", "--scenarios", Catalogue, "--terms", "relationship*tracking + country", "--aliased", "drop", "--format", "json"] },
        { "banner", ["banner", "--input", Survey, "--weight", "weight", "--by", "country", "--format", "csv"] },
        { "raked score", ["score", "--input", CalibrationFixture.Input, "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--calibrate", CalibrationFixture.MarginsPath("margins-age-gender-region.csv"), "--calibration", "rake", "--format", "json"] },
        { "SPSS file", ["describe", "--input", ReferenceFiles.Path("tests", "reference", "data", "own-files", "survey-haven.zsav"), "--format", "json"] },
        { "a malformed file", ["score", "--input", ReferenceFiles.Path("data", "scenarios.csv")] },
        { "a usage error", ["score", "--input", Survey, "--ci", "no-such-method"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_native_program_prints_what_the_JIT_compiled_one_prints(string what, string[] arguments)
    {
        var expected = CliRunner.Run(arguments);
        var native = RunNative(arguments);
        Assert.True(expected.ExitCode == native.Code, $"{what}: exit {native.Code}, the JIT-compiled program's {expected.ExitCode}\n{native.Stderr}");
        Assert.Equal(expected.Stdout, native.Stdout);
        Assert.Equal(expected.Stderr, native.Stderr);
    }

    [Fact]
    public void The_native_program_writes_the_same_weights()
    {
        using var folder = new TempFolder();
        var expectedPath = Path.Combine(folder.Path, "jit.csv");
        var nativePath = Path.Combine(folder.Path, "native.csv");
        string[] Weight(string output) => ["weight", "--input", CalibrationFixture.Input, "--weight", "weight", "--strata", "stratum", "--cluster", "cluster",
            "--margins", CalibrationFixture.MarginsPath("margins-age-gender-region.csv"), "--method", "rake", "--out", output];
        var expected = CliRunner.Run(Weight(expectedPath));
        var native = RunNative(Weight(nativePath));
        Assert.Equal(0, expected.ExitCode);
        Assert.True(native.Code == 0, native.Stderr);
        Assert.Equal(File.ReadAllBytes(expectedPath), File.ReadAllBytes(nativePath));
        Assert.Equal(expected.Stderr.Replace(expectedPath, nativePath, StringComparison.Ordinal), native.Stderr);   // its summary names the file
    }

    [Fact]
    public void Reproduce_refuses_in_the_native_program_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "reproduce");
        var native = RunNative(["reproduce", "--data", ReferenceFiles.Path("data"), "--out", output]);
        Assert.Equal(2, native.Code);
        Assert.Contains("needs the .NET runtime's JIT", native.Stderr, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install nethelp", native.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", native.Stderr, StringComparison.Ordinal);
        Assert.Equal("", native.Stdout);
        Assert.False(Directory.Exists(output));
    }

    private static (int Code, string Stdout, string Stderr) RunNative(string[] arguments)
    {
        var start = new ProcessStartInfo(NativeBuild.EnsurePublished()) { WorkingDirectory = LocalFeed.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (code, stdout, stderr, _) = LocalFeed.Run(start, CommandTimeout);
        return (code, stdout, stderr);
    }
}
