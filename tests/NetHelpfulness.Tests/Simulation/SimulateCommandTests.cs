using NetHelpfulness.Cli;

namespace NetHelpfulness.Tests.Simulation;

/// <summary><c>nethelp simulate</c>: regenerates the shipped files byte for byte, writes atomically, and refuses bad usage.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nethelp-simulate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("survey")]
    [InlineData("trust")]
    public void Defaults_regenerate_the_shipped_file_byte_for_byte(string study)
    {
        var output = Path.Combine(_folder, study + ".csv");
        var (code, stdout, stderr) = Run("simulate", "--study", study, "--out", output);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("wrote " + output + ": synthetic " + study, stdout, StringComparison.Ordinal);
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal(File.ReadAllBytes(ReferenceFiles.Path("data", "synthetic", study + ".csv")), File.ReadAllBytes(output));
        Assert.Equal([output], Directory.GetFiles(_folder));
    }

    [Fact]
    public void The_summary_gives_the_files_sha256()
    {
        var output = Path.Combine(_folder, "t.csv");
        var (_, stdout, _) = Run("simulate", "--study", "trust", "--respondents", "1000", "--out", output);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output)));
        Assert.EndsWith("sha256 " + hash + "\n", stdout, StringComparison.Ordinal);
        Assert.Contains("1000 respondents", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_and_respondents_change_the_file()
    {
        var a = Path.Combine(_folder, "a.csv");
        var b = Path.Combine(_folder, "b.csv");
        Assert.Equal(0, Run("simulate", "--study", "survey", "--respondents", "1000", "--seed", "1", "--out", a).Code);
        Assert.Equal(0, Run("simulate", "--study", "survey", "--respondents", "1000", "--seed", "2", "--out", b).Code);
        Assert.Equal(1 + (1000 * 10), File.ReadAllLines(a).Length);
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Force_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var output = Path.Combine(_folder, "survey.csv");
        File.WriteAllText(output, "old");
        var (code, _, _) = Run("simulate", "--study", "trust", "--respondents", "1000", "--out", output, "--force");
        Assert.Equal(0, code);
        Assert.StartsWith("respondent_id,", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFiles(_folder));
    }

    [Fact]
    public void An_existing_file_is_left_as_it_is_without_force()
    {
        var output = Path.Combine(_folder, "mine.csv");
        File.WriteAllText(output, "a researcher's own data");
        AssertUsageError(["simulate", "--study", "survey", "--out", output], "exists");
        Assert.Equal("a researcher's own data", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Refuses_a_folder_as_output()
    {
        AssertUsageError(["simulate", "--study", "survey", "--out", _folder], "folder");
    }

    [Fact]
    public void Refuses_an_output_in_a_missing_folder()
    {
        AssertUsageError(["simulate", "--study", "survey", "--out", Path.Combine(_folder, "no", "such.csv")], "does not exist");
    }

    [Fact]
    public void Requires_a_study()
    {
        AssertUsageError(["simulate", "--out", Path.Combine(_folder, "x.csv")], "--study");
    }

    [Fact]
    public void Refuses_an_unknown_study()
    {
        AssertUsageError(["simulate", "--study", "panel", "--out", Path.Combine(_folder, "x.csv")], "--study");
    }

    [Fact]
    public void Requires_an_output_file()
    {
        AssertUsageError(["simulate", "--study", "survey"], "--out");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("seven")]
    [InlineData("18446744073709551616")]
    public void Refuses_a_seed_that_is_not_an_unsigned_64_bit_integer(string seed)
    {
        AssertUsageError(["simulate", "--study", "survey", "--seed", seed, "--out", Path.Combine(_folder, "x.csv")], "--seed");
    }

    [Theory]
    [InlineData("999")]
    [InlineData("2000001")]
    [InlineData("many")]
    public void Refuses_a_number_of_respondents_out_of_range(string respondents)
    {
        AssertUsageError(["simulate", "--study", "trust", "--respondents", respondents, "--out", Path.Combine(_folder, "x.csv")], "--respondents");
    }

    [Fact]
    public void Refuses_an_unknown_option()
    {
        AssertUsageError(["simulate", "--study", "trust", "--rows", "5", "--out", Path.Combine(_folder, "x.csv")], "--rows");
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var (code, stdout, _) = Run("simulate", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--study", "--seed", "--respondents", "--out", "--force" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    private void AssertUsageError(string[] args, string mentioned)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(mentioned, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
