using System.Globalization;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Simulation;
using NetHelpfulness.Tests.Simulation;

namespace NetHelpfulness.Tests.Data;

/// <summary>The shipped catalogue, published figures and synthetic data: what they hold and that they load.</summary>
public class ShippedDataTests
{
    [Fact]
    public void The_catalogue_reads_and_holds_the_ten_scenarios_with_their_attributes()
    {
        var catalogue = ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));
        Assert.Equal(StudyTargets.Scenarios.Select(s => (s.Id, s.Relationship, s.Tracking, s.Published)),
            catalogue.Scenarios.Select(s => (s.Id, s.Relationship, s.Tracking, s.IsPublished)));
        Assert.All(catalogue.Scenarios, s => Assert.False(string.IsNullOrWhiteSpace(s.Label)));
        Assert.All(catalogue.Scenarios, s => Assert.EndsWith(".", s.Description, StringComparison.Ordinal));
        Assert.Equal(ScenarioCatalogue.Columns, ShippedFiles.Header("scenarios.csv"));
    }

    [Fact]
    public void Published_descriptions_follow_the_article()
    {
        var catalogue = ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));
        Assert.Contains("regularly shop with notifies you when items go on sale", catalogue.Find("sale_alert")!.Description, StringComparison.Ordinal);
        Assert.Contains("while you browse the aisles of your favourite store", catalogue.Find("in_aisle_offer")!.Description, StringComparison.Ordinal);
        Assert.Contains("craving caffeine", catalogue.Find("overheard_coffee_ad")!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Illustrative_wordings_match_their_attributes()
    {
        var catalogue = ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));
        foreach (var s in catalogue.Scenarios.Where(s => !s.IsPublished))
        {
            var text = s.Description;
            var statesRelationship = text.Contains("you have bought from", StringComparison.Ordinal)
                || text.Contains("you gave your email address to", StringComparison.Ordinal)
                || text.Contains("loyalty programme you belong to", StringComparison.Ordinal);
            Assert.True(statesRelationship == (s.Relationship == Relationship.Established), s.Id + ": relationship");
            var cue = s.Tracking switch
            {
                Tracking.ThirdPartyCookies => "other websites",
                Tracking.GeoTracking => "walk past",
                Tracking.DeviceListening => "smart speaker",
                _ => null,
            };
            if (cue is null)
            {
                Assert.DoesNotContain("websites", text, StringComparison.Ordinal);
                Assert.DoesNotContain("phone", text, StringComparison.Ordinal);
                Assert.DoesNotContain("speaker", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(cue, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Published_net_scores_are_the_articles_numbers_with_their_sentences()
    {
        var rows = PublishedFigures.ReadNetScores(ShippedFiles.Path("published/figure1.csv"));
        // FACTS.md: sale alert 68 % helpful, 11 % creepy, net +57 %; coffee ad 26 %, 53 %, net −27 %; in-aisle offer net +38 %.
        Assert.Equal(
            [("sale_alert", (double?)68, (double?)11, (double?)57), ("overheard_coffee_ad", 26, 53, -27), ("in_aisle_offer", null, null, 38)],
            rows.Select(r => (r.Scenario, r.HelpfulPercent, r.CreepyPercent, r.NetPercent)));
        foreach (var row in rows)
        {
            if (row.HelpfulPercent is { } helpful)
            {
                Assert.Contains(Invariant($"{helpful} % helpful"), row.Sentence, StringComparison.Ordinal);
            }

            if (row.CreepyPercent is { } creepy)
            {
                Assert.Contains(Invariant($"{creepy} % creepy"), row.Sentence, StringComparison.Ordinal);
            }

            var net = row.NetPercent!.Value;
            Assert.Contains("net " + (net < 0 ? "−" : "+") + Invariant($"{Math.Abs(net)} %"), row.Sentence, StringComparison.Ordinal);
        }

        var catalogue = ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));
        Assert.All(rows, r => Assert.True(catalogue.Find(r.Scenario)?.IsPublished, r.Scenario + " is a published scenario of the catalogue"));
        Assert.Equal(PublishedFigures.NetScoreColumns, ShippedFiles.Header("published/figure1.csv"));
    }

    [Fact]
    public void Published_ratios_are_the_articles_numbers_with_their_sentences()
    {
        var rows = PublishedFigures.ReadRatios(ShippedFiles.Path("published/trust-signals.csv"));
        Assert.Equal(StudyTargets.Ratios, rows.Select(r => (r.Exposure, r.Outcome, r.Ratio)));
        Assert.All(rows, r => Assert.Contains(Invariant($"{r.Ratio}×"), r.Sentence, StringComparison.Ordinal));
        // The article's four signals: humanity, transparency, reliability, capability.
        Assert.Equal(["transparency and humanity", "transparency and humanity", "reliability and capability"], rows.Select(r => r.Signal));
        Assert.Equal(PublishedFigures.RatioColumns, ShippedFiles.Header("published/trust-signals.csv"));
        var trustColumns = ShippedFiles.Header("synthetic/trust.csv");
        Assert.All(rows, r => Assert.Contains(r.Exposure, trustColumns));
        Assert.All(rows, r => Assert.Contains(r.Outcome, trustColumns));
    }

    [Fact]
    public void The_synthetic_survey_loads_with_the_studys_shape()
    {
        var survey = ShippedFiles.Survey;
        Assert.Equal(11_500, survey.RespondentCount);
        Assert.Equal(StudyTargets.Scenarios.Select(s => s.Id), survey.Scenarios);
        Assert.Equal(19, survey.Country!.Levels.Count);
        Assert.All(survey.Country.Levels, code => Assert.Matches("^[A-Z]{2}$", code));
        Assert.Equal(1 + 115_000, File.ReadLines(ShippedFiles.Path("synthetic/survey.csv")).Count());
        var skipped = survey.Ratings.Count(SurveyResponses.Missing) / 115_000.0;
        Assert.InRange(skipped, 0.005, 0.015);
    }

    [Fact]
    public void The_synthetic_survey_loads_weighted_with_mean_one_in_every_country()
    {
        var survey = SurveyReader.ReadFile(ShippedFiles.Path("synthetic/survey.csv"), new SurveyReadOptions { WeightColumn = "weight" });
        var weights = survey.Weights.ToArray();
        var countries = survey.Country!;
        foreach (var group in Enumerable.Range(0, survey.RespondentCount).GroupBy(i => countries[i]))
        {
            Assert.Equal(1.0, group.Average(i => weights[i]), 12);
        }

        var (header, rows) = ShippedFiles.ReadCsv("synthetic/survey.csv");
        var weight = Array.IndexOf(header, "weight");
        Assert.All(rows, r => Assert.Matches(@"^\d+\.\d{4}$", r[weight]));
    }

    [Fact]
    public void Unweighted_shares_of_the_synthetic_survey_round_to_every_target()
    {
        StudyTargets.AssertCalibrated(ShippedFiles.Survey);
    }

    [Fact]
    public void Wald_scores_of_the_synthetic_survey_reproduce_the_published_figures_to_rounding()
    {
        foreach (var published in PublishedFigures.ReadNetScores(ShippedFiles.Path("published/figure1.csv")))
        {
            var estimate = NetScore.Wald(ShippedFiles.Survey.Scores(ShippedFiles.Survey.ScenarioIndex(published.Scenario)));
            if (published.HelpfulPercent is { } helpful)
            {
                StudyTargets.AssertRoundsTo(helpful, estimate.Helpful, published.Scenario + " helpful");
            }

            if (published.CreepyPercent is { } creepy)
            {
                StudyTargets.AssertRoundsTo(creepy, estimate.Creepy, published.Scenario + " creepy");
            }

            StudyTargets.AssertRoundsTo(published.NetPercent!.Value, estimate.Estimate, published.Scenario + " net");
        }
    }

    [Fact]
    public void Risk_ratios_of_the_synthetic_trust_study_round_to_the_published_ratios()
    {
        var (header, rows) = ShippedFiles.ReadCsv("synthetic/trust.csv");
        Assert.Equal(7_500, rows.Count);
        foreach (var published in PublishedFigures.ReadRatios(ShippedFiles.Path("published/trust-signals.csv")))
        {
            var x = Array.IndexOf(header, published.Exposure);
            var y = Array.IndexOf(header, published.Outcome);
            var exposure = rows.Select(r => byte.Parse(r[x], CultureInfo.InvariantCulture)).ToArray();
            var outcome = rows.Select(r => byte.Parse(r[y], CultureInfo.InvariantCulture)).ToArray();
            var ratio = TrustSimulationTests.RiskRatio(exposure, outcome);
            Assert.Equal(published.Ratio, Math.Round(ratio, 1, MidpointRounding.AwayFromZero));
            Assert.True(Math.Abs(ratio - published.Ratio) < 0.05, $"{published.Outcome}: {ratio}");
        }
    }

    [Fact]
    public void The_synthetic_trust_study_has_one_row_per_respondent_and_weights_of_mean_one_per_country()
    {
        var (header, rows) = ShippedFiles.ReadCsv("synthetic/trust.csv");
        Assert.Equal(7_500, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        var country = Array.IndexOf(header, "country");
        var weight = Array.IndexOf(header, "weight");
        var groups = rows.GroupBy(r => r[country]).ToList();
        Assert.Equal(19, groups.Count);
        Assert.All(groups, g => Assert.Equal(g.Count(), g.Sum(r => decimal.Parse(r[weight], CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void The_loader_accepts_the_example_with_its_design_columns()
    {
        var survey = SurveyReader.ReadFile(ShippedFiles.Path("examples/small-stratified-synthetic.csv"),
            new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        Assert.Equal(190, survey.RespondentCount);
        Assert.Equal(4, survey.Strata!.Levels.Count);
        Assert.Equal(32, survey.Clusters!.Levels.Count);
        Assert.Equal(5, NetScore.ForEachScenario(survey, IntervalMethod.Linearized).Count);
    }

    [Fact]
    public void The_loader_accepts_every_shipped_survey_file_unweighted_and_weighted()
    {
        foreach (var file in ShippedFiles.DataFiles().Where(f => ShippedFiles.Header(f).Contains(SurveyReader.RatingColumn)))
        {
            foreach (var weight in new string?[] { null, "weight" })
            {
                var survey = SurveyReader.ReadFile(ShippedFiles.Path(file), new SurveyReadOptions { WeightColumn = weight });
                Assert.True(survey.RespondentCount > 0, file);
                Assert.All(NetScore.ForEachScenario(survey, IntervalMethod.Linearized), s => Assert.InRange(s.Score.Estimate, -1, 1));
            }
        }
    }

    [Fact]
    public void The_simulators_defaults_are_the_shipped_studies()
    {
        Assert.Equal(11_500, SurveySimulation.DefaultRespondents);
        Assert.Equal(7_500, TrustSimulation.DefaultRespondents);
        var catalogue = ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));
        Assert.Equal(catalogue.Scenarios.Select(s => (s.Id, s.Relationship, s.Tracking)),
            SurveySimulation.ArticleTargets.Select(t => (t.Scenario, t.Relationship, t.Tracking)));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
