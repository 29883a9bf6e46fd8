using System.Text.RegularExpressions;
using NetHelpfulness.Cli;
using NetHelpfulness.Data;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Tests.Data;

/// <summary><c>data/README.md</c> stays true to the files and to the loader: checksums, codebook, contract, counts.</summary>
public partial class DataReadmeTests
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(ShippedFiles.Path("README.md")));

    [Fact]
    public void Checksums_list_every_data_file_and_match_it()
    {
        var listed = ChecksumLine().Matches(Readme.Value).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value, StringComparer.Ordinal);
        Assert.Equal(ShippedFiles.DataFiles(), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, hash) in listed)
        {
            Assert.True(hash == ShippedFiles.Sha256(file), $"{file}: README says {hash}, the file's SHA-256 is {ShippedFiles.Sha256(file)}");
        }
    }

    [Fact]
    public void Opens_with_the_survey_data_contract()
    {
        var sections = Regex.Matches(Readme.Value, "^## (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("Survey data contract", sections[0]);
        Assert.Contains("Codebook", sections);
        Assert.Contains("Provenance", sections);
        Assert.Contains("Checksums (SHA-256)", sections);
    }

    [Fact]
    public void The_contract_names_every_loading_option_and_column()
    {
        var contract = Section("Survey data contract");
        foreach (var option in SurveyInput.Options.Where(o => o.Name != "input"))
        {
            Assert.Contains("--" + option.Name, contract, StringComparison.Ordinal);
        }

        foreach (var column in new[] { SurveyReader.RespondentColumn, SurveyReader.CountryColumn, SurveyReader.ScenarioColumn, SurveyReader.RatingColumn, "weight" })
        {
            Assert.Contains($"`{column}`", contract, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_codebook_describes_every_column_of_every_file()
    {
        var codebook = Section("Codebook");
        foreach (var file in ShippedFiles.DataFiles())
        {
            var heading = Regex.Match(codebook, "^### `" + Regex.Escape(file) + "`(.*)$", RegexOptions.Multiline);
            Assert.True(heading.Success, file + " has a codebook section");
            if (file.Contains("synthetic", StringComparison.Ordinal))
            {
                Assert.Contains("SYNTHETIC", heading.Groups[1].Value, StringComparison.Ordinal);
            }

            foreach (var column in ShippedFiles.Header(file))
            {
                Assert.Contains($"`{column}`", codebook, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_count_table_is_the_shipped_surveys()
    {
        var survey = ShippedFiles.Survey;
        var provenance = Section("Provenance");
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            var row = Regex.Match(provenance, $@"^\| `{survey.Scenarios[j]}` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", RegexOptions.Multiline);
            Assert.True(row.Success, survey.Scenarios[j] + " has a row in the count table");
            var counts = new int[7];
            for (var i = 0; i < survey.RespondentCount; i++)
            {
                var rating = survey.Rating(i, j);
                counts[rating == SurveyResponses.Missing ? 6 : rating]++;
            }

            Assert.Equal(counts[1..], Enumerable.Range(1, 6).Select(g => int.Parse(row.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void States_the_seeds_of_the_shipped_files()
    {
        var provenance = Section("Provenance");
        var survey = provenance[provenance.IndexOf("### Synthetic survey", StringComparison.Ordinal)..provenance.IndexOf("### Synthetic trust study", StringComparison.Ordinal)];
        var trust = provenance[provenance.IndexOf("### Synthetic trust study", StringComparison.Ordinal)..];
        Assert.Contains($"seed **{SurveySimulation.DefaultSeed}**", survey, StringComparison.Ordinal);
        Assert.Contains($"seed **{TrustSimulation.DefaultSeed}**", trust, StringComparison.Ordinal);
    }

    private static string Section(string title)
    {
        var text = Readme.Value;
        var start = text.IndexOf("\n## " + title + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "section " + title);
        var end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex("^([0-9a-f]{64})  (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex ChecksumLine();
}
