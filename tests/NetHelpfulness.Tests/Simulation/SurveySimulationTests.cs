using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>The synthetic survey generator: calibration, structure, determinism, and one test per input guard.</summary>
public class SurveySimulationTests
{
    private static readonly Lazy<SyntheticSurvey> Default = new(() => SurveySimulation.Generate());

    [Fact]
    public void The_generators_targets_are_the_issues_table()
    {
        var targets = SurveySimulation.ArticleTargets;
        Assert.Equal(StudyTargets.Scenarios.Select(s => (s.Id, s.Relationship, s.Tracking, s.Helpful, s.Creepy, s.Net)),
            targets.Select(t => (t.Scenario, t.Relationship, t.Tracking, t.HelpfulPercent, t.CreepyPercent, t.NetPercent)));
    }

    [Fact]
    public void Default_survey_is_calibrated_to_every_target()
    {
        StudyTargets.AssertCalibrated(Default.Value.ToResponses());
    }

    [Theory]
    [InlineData(1UL, 1_000)]
    [InlineData(42UL, 1_001)]
    [InlineData(ulong.MaxValue, 2_345)]
    [InlineData(0UL, 20_000)]
    public void Any_seed_and_size_is_calibrated(ulong seed, int respondents)
    {
        var survey = SurveySimulation.Generate(new SurveySimulationOptions { Seed = seed, Respondents = respondents });
        Assert.Equal(respondents, survey.RespondentIds.Count);
        StudyTargets.AssertCalibrated(survey.ToResponses());
    }

    [Fact]
    public void Calibrated_counts_exist_for_every_target_whenever_more_than_200_answered()
    {
        foreach (var target in SurveySimulation.ArticleTargets)
        {
            for (var m = 201; m <= 5_000; m++)
            {
                var counts = SurveySimulation.CalibratedCounts(target, m);
                Assert.Equal(m, counts.Answered);
                var helpful = counts.Helpful + counts.VeryHelpful;
                var creepy = counts.Creepy + counts.VeryCreepy;
                Assert.True(2 * Math.Abs((100L * helpful) - ((long)target.HelpfulPercent * m)) < m, $"{target.Scenario} m={m}");
                Assert.True(2 * Math.Abs((100L * creepy) - ((long)target.CreepyPercent * m)) < m, $"{target.Scenario} m={m}");
                Assert.True(2 * Math.Abs((100L * (helpful - creepy)) - ((long)target.NetPercent * m)) < m, $"{target.Scenario} m={m}");
            }
        }
    }

    [Fact]
    public void Calibrated_counts_refuse_when_no_counts_round_to_the_targets()
    {
        // With 7 answers the helpful share moves in steps of 14 points: 68% cannot be hit.
        var e = Assert.Throws<ArgumentException>(() => SurveySimulation.CalibratedCounts(SurveySimulation.ArticleTargets[0], 7));
        Assert.Contains("sale_alert", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var again = SurveySimulation.Generate().ToCsv().ToString();
        Assert.Equal(Default.Value.ToCsv().ToString(), again);
        Assert.NotEqual(again, SurveySimulation.Generate(new SurveySimulationOptions { Seed = SurveySimulation.DefaultSeed + 1 }).ToCsv().ToString());
    }

    [Fact]
    public void Generating_on_several_threads_at_once_gives_identical_files()
    {
        var texts = new string[4];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => texts[i] = SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 3_000 }).ToCsv().ToString());
        Assert.All(texts, t => Assert.Equal(texts[0], t));
    }

    [Fact]
    public void The_written_file_loads_into_exactly_the_generated_survey()
    {
        var survey = SurveySimulation.Generate(new SurveySimulationOptions { Seed = 9, Respondents = 1_500 });
        using var stream = new MemoryStream();
        survey.WriteCsv(stream);
        var bytes = stream.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        Assert.DoesNotContain((byte)'\r', bytes);
        stream.Position = 0;
        var loaded = SurveyReader.Read(stream, "generated.csv", new SurveyReadOptions { WeightColumn = "weight" });
        var expected = survey.ToResponses(weighted: true);
        Assert.Equal(expected.Scenarios, loaded.Scenarios);
        Assert.Equal(expected.RespondentIds, loaded.RespondentIds);
        Assert.True(expected.Ratings.SequenceEqual(loaded.Ratings));
        Assert.True(expected.Weights.SequenceEqual(loaded.Weights));
        Assert.Equal(expected.Country!.Levels, loaded.Country!.Levels);
        Assert.True(expected.Country.Codes.SequenceEqual(loaded.Country.Codes));
    }

    [Fact]
    public void About_one_percent_of_ratings_are_skipped_and_none_when_the_rate_is_zero()
    {
        var ratings = Default.Value.Ratings;
        var skipped = ratings.Count(SurveyResponses.Missing);
        Assert.InRange(skipped / (double)ratings.Length, 0.009, 0.011);
        var none = SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 1_000, SkipRate = 0 });
        Assert.Equal(0, none.Ratings.Count(SurveyResponses.Missing));
    }

    [Fact]
    public void Helpful_splits_into_4_and_5_and_creepy_into_1_and_2()
    {
        foreach (var counts in Default.Value.Counts)
        {
            var helpful = counts.Helpful + counts.VeryHelpful;
            var creepy = counts.Creepy + counts.VeryCreepy;
            Assert.InRange(counts.VeryHelpful / (double)helpful, 0.25, 0.55);
            Assert.InRange(counts.VeryCreepy / (double)creepy, 0.25, 0.55);
        }

        // More helpful scenarios have a larger "very helpful" part.
        var first = Default.Value.Counts[0];
        var last = Default.Value.Counts[^1];
        Assert.True(first.VeryHelpful / (double)(first.Helpful + first.VeryHelpful) > last.VeryHelpful / (double)(last.Helpful + last.VeryHelpful));
    }

    [Fact]
    public void Ratings_correlate_within_a_respondent_as_the_copula_says()
    {
        Assert.InRange(MeanPairwiseCorrelation(Default.Value), 0.32, 0.48);
        var independent = SurveySimulation.Generate(new SurveySimulationOptions { Correlation = 0, CountrySpread = 0, Respondents = 5_000 });
        Assert.InRange(MeanPairwiseCorrelation(independent), -0.02, 0.02);
    }

    [Fact]
    public void Countries_differ_by_more_than_sampling_noise()
    {
        // Between-country heterogeneity of a scenario's net score: Σ_c (net_c − net)² / Var(net_c) is about χ²(18)
        // (mean 18, 99.9% quantile 42.3) when countries do not differ.
        Assert.True(Heterogeneity(Default.Value, 0) > 100);
        Assert.True(Heterogeneity(Default.Value, 9) > 100);
        var alike = SurveySimulation.Generate(new SurveySimulationOptions { CountrySpread = 0 });
        Assert.True(Heterogeneity(alike, 0) < 42.3);
        Assert.True(Heterogeneity(alike, 9) < 42.3);
    }

    [Fact]
    public void Nineteen_countries_of_uneven_size_with_design_weights_of_mean_one_in_each()
    {
        var survey = Default.Value;
        var n = survey.RespondentIds.Count;
        var byCountry = Enumerable.Range(0, n).GroupBy(survey.Country).ToList();
        Assert.Equal(19, byCountry.Count);
        Assert.All(byCountry, g => Assert.Matches("^[A-Z]{2}$", g.Key));
        Assert.True(byCountry.Max(g => g.Count()) > 4 * byCountry.Min(g => g.Count()), "uneven sizes");
        foreach (var country in byCountry)
        {
            // Weights are whole multiples of 10^-4, so their sum is exact in decimal.
            var sum = country.Sum(i => (decimal)survey.Weight(i));
            Assert.Equal(country.Count(), sum);
        }

        var weights = Enumerable.Range(0, n).Select(survey.Weight).ToArray();
        var mean = weights.Average();
        var cv = Math.Sqrt(weights.Sum(w => (w - mean) * (w - mean)) / (n - 1)) / mean;
        Assert.InRange(cv, 0.3, 0.6);
        Assert.InRange(weights.Min(), 0.1, 0.5);
        Assert.InRange(weights.Max(), 2, 5);
    }

    [Fact]
    public void Respondent_identifiers_are_padded_to_sort_as_text()
    {
        Assert.Equal("r00001", Default.Value.RespondentIds[0]);
        Assert.Equal("r11500", Default.Value.RespondentIds[^1]);
        var big = SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 123_456, Scenarios = [SurveySimulation.ArticleTargets[0]] });
        Assert.Equal("r000001", big.RespondentIds[0]);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(2_000_001)]
    public void Refuses_a_number_of_respondents_out_of_range(int respondents)
    {
        Assert.Throws<ArgumentException>(() => SurveySimulation.Generate(new SurveySimulationOptions { Respondents = respondents }));
    }

    [Fact]
    public void Refuses_targets_above_100_percent()
    {
        Assert.Throws<ArgumentException>(() => Generate(scenarios: [new("a", Relationship.None, Tracking.None, 60, 41)]));
    }

    [Fact]
    public void Refuses_negative_targets()
    {
        Assert.Throws<ArgumentException>(() => Generate(scenarios: [new("a", Relationship.None, Tracking.None, -1, 41)]));
    }

    [Fact]
    public void Refuses_a_scenario_twice()
    {
        Assert.Throws<ArgumentException>(() => Generate(scenarios: [new("a", Relationship.None, Tracking.None, 60, 20), new("a", Relationship.None, Tracking.None, 50, 20)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" a")]
    [InlineData("a,b")]
    [InlineData("a\"b")]
    [InlineData("a\nb")]
    public void Refuses_scenario_identifiers_that_would_need_quoting(string id)
    {
        Assert.Throws<ArgumentException>(() => Generate(scenarios: [new(id, Relationship.None, Tracking.None, 60, 20)]));
    }

    [Fact]
    public void Refuses_no_scenarios()
    {
        Assert.Throws<ArgumentException>(() => Generate(scenarios: []));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Refuses_a_correlation_outside_0_to_1(double rho)
    {
        Assert.Throws<ArgumentException>(() => SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 1_000, Correlation = rho }));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.21)]
    public void Refuses_a_skip_rate_outside_0_to_20_percent(double rate)
    {
        Assert.Throws<ArgumentException>(() => SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 1_000, SkipRate = rate }));
    }

    [Fact]
    public void Refuses_a_negative_country_spread()
    {
        Assert.Throws<ArgumentException>(() => SurveySimulation.Generate(new SurveySimulationOptions { Respondents = 1_000, CountrySpread = -1 }));
    }

    [Theory]
    [InlineData("usa")]
    [InlineData("U")]
    [InlineData("u1")]
    public void Refuses_country_codes_that_are_not_ISO_alpha_2(string code)
    {
        Assert.Throws<ArgumentException>(() => Generate(countries: [new(code, 1)]));
    }

    [Fact]
    public void Refuses_a_country_twice()
    {
        Assert.Throws<ArgumentException>(() => Generate(countries: [new("DE", 1), new("DE", 2)]));
    }

    [Fact]
    public void Refuses_a_share_of_zero()
    {
        Assert.Throws<ArgumentException>(() => Generate(countries: [new("DE", 1), new("FR", 0)]));
    }

    [Fact]
    public void Refuses_countries_left_without_respondents()
    {
        Assert.Throws<ArgumentException>(() => Generate(countries: [new("DE", 100_000), new("FR", 1)]));
    }

    [Fact]
    public void Refuses_no_countries()
    {
        Assert.Throws<ArgumentException>(() => Generate(countries: []));
    }

    private static SyntheticSurvey Generate(IReadOnlyList<ScenarioTarget>? scenarios = null, IReadOnlyList<CountryQuota>? countries = null) =>
        SurveySimulation.Generate(new SurveySimulationOptions
        {
            Respondents = 1_000,
            Scenarios = scenarios ?? SurveySimulation.ArticleTargets,
            Countries = countries ?? SurveySimulation.DefaultCountries,
        });

    private static double MeanPairwiseCorrelation(SyntheticSurvey survey)
    {
        var k = survey.Scenarios.Count;
        var n = survey.RespondentIds.Count;
        var ratings = survey.Ratings.ToArray();
        var total = 0.0;
        var pairs = 0;
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                var both = Enumerable.Range(0, n)
                    .Where(i => ratings[(i * k) + a] != SurveyResponses.Missing && ratings[(i * k) + b] != SurveyResponses.Missing)
                    .Select(i => ((double)ratings[(i * k) + a], (double)ratings[(i * k) + b])).ToArray();
                total += Pearson(both);
                pairs++;
            }
        }

        return total / pairs;
    }

    private static double Pearson((double X, double Y)[] pairs)
    {
        var mx = pairs.Average(p => p.X);
        var my = pairs.Average(p => p.Y);
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double Heterogeneity(SyntheticSurvey survey, int scenario)
    {
        var responses = survey.ToResponses();
        var scores = responses.Scores(scenario);
        var overall = NetScore.Wald(scores).Estimate;
        var statistic = 0.0;
        foreach (var country in Enumerable.Range(0, scores.Length).GroupBy(survey.Country))
        {
            var estimate = NetScore.Wald(country.Select(i => scores[i]).ToArray());
            statistic += Math.Pow(estimate.Estimate - overall, 2) / Math.Pow(estimate.StandardError, 2);
        }

        return statistic;
    }
}
